using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Revocation;

/// <summary>
/// One round of the revocation worker: read the consent trail from the checkpoint, check offers that changed (or all),
/// then take each open case as far as it goes now. The worker runs rounds; tests and tools may run one directly.
/// </summary>
public sealed partial class RevocationProcessor(
    IRevocationStore store,
    RevocationSteps steps,
    IOptions<RevocationOptions> options,
    ILogger<RevocationProcessor> logger)
{
    /// <param name="offers">Offers whose chain state changed (listed, unpaused): checked in full.</param>
    /// <param name="sweepAll">Check every offer for sale in full (start-up, now and then, after a rewind).</param>
    /// <returns>Whether anything moved.</returns>
    public async Task<bool> RunOnceAsync(IReadOnlyCollection<ulong> offers, bool sweepAll, CancellationToken cancellationToken)
    {
        var detected = await store.DetectChangesAsync(cancellationToken);
        var swept = sweepAll ? await store.SweepAsync(null, cancellationToken)
            : offers.Count > 0 ? await store.SweepAsync(offers, cancellationToken) : new RevocationDetection(0, 0);
        if (detected.Patients + swept.Patients > 0)
            LogDetected(detected.Patients + swept.Patients, detected.Cases + swept.Cases);

        var moved = detected.Cases + swept.Cases > 0;
        foreach (var open in (await store.CasesAsync(includeFinished: false, cancellationToken)).Where(c => c.IsActive))
        {
            var current = open;
            for (var step = 0; step < options.Value.StepsPerCase && current is { IsActive: true }; step++)
            {
                if (!await steps.StepAsync(current, cancellationToken)) break;
                moved = true;
                current = await store.FindAsync(current.OfferId, cancellationToken);
            }
        }
        return moved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Revocation: {Patients} patients no longer consent to {Cases} offers for sale")]
    private partial void LogDetected(int patients, int cases);
}
