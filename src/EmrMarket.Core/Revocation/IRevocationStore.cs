using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Revocation;

/// <summary>The revocation cases, their trail and the worker's checkpoint in the consent trail.</summary>
public interface IRevocationStore
{
    /// <summary>Takes the worker's lock (one worker across app instances); null when another instance holds it.</summary>
    Task<IAsyncDisposable?> TryLockAsync(CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: the patients whose consent changed after the checkpoint, up to the indexer's cursor, are
    /// checked against every offer for sale whose dataset holds them; an offer with a patient whose consent no longer
    /// covers its purpose (revoked, or expired at the cursor's block time) gets a case and a Detected step naming the
    /// consent event; the checkpoint moves to the cursor.
    /// </summary>
    Task<RevocationDetection> DetectChangesAsync(CancellationToken cancellationToken);

    /// <summary>The same check for the given offers (null: every offer for sale), whatever the checkpoint.</summary>
    Task<RevocationDetection> SweepAsync(IReadOnlyCollection<ulong>? offerIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<RevocationCase>> CasesAsync(bool includeFinished, CancellationToken cancellationToken);

    Task<RevocationCase?> FindAsync(ulong offerId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a case from <paramref name="expected"/> to <paramref name="next"/> and records <paramref name="steps"/>, in
    /// one transaction; false (and nothing written) when the case is no longer in <paramref name="expected"/>.
    /// </summary>
    Task<bool> TransitionAsync(RevocationCaseStatus expected, RevocationCase next, IReadOnlyList<NewRevocationStep> steps,
        CancellationToken cancellationToken);

    /// <summary>The trail in order: of one offer's case, or of every case a dataset is in (as the old or the rebuilt one).</summary>
    Task<IReadOnlyList<RevocationAction>> ActionsAsync(ulong? offerId, Guid? datasetId, CancellationToken cancellationToken);

    /// <summary>The indexed offer that replaced <paramref name="offerId"/> with the given manifest, or null until the indexer has it.</summary>
    Task<ulong?> ReplacementAsync(ulong offerId, Hash32 manifestHash, CancellationToken cancellationToken);
}

/// <summary>What a detection round found: cases opened or reopened, patients newly detected, and the consent blocks read.</summary>
public sealed record RevocationDetection(int Cases, int Patients, ulong? FromBlock = null, ulong? ToBlock = null);

/// <summary>A step to record with a case transition.</summary>
public sealed record NewRevocationStep(
    RevocationStep Step,
    string Detail,
    long? OutboxId = null,
    Hash32? TransactionHash = null,
    Guid? NewDatasetId = null,
    ulong? NewOfferId = null);
