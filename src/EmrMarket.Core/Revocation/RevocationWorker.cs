using System.Collections.Concurrent;
using System.Globalization;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Chain.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Revocation;

/// <summary>
/// Runs <see cref="RevocationProcessor"/> rounds in the one app instance holding the revocation lock. Indexed consent
/// and offer changes and outbox settlements wake it at once; otherwise it looks every
/// <see cref="RevocationOptions.PollInterval"/> and checks every offer for sale every <see cref="RevocationOptions.SweepInterval"/>.
/// </summary>
public sealed class RevocationWorker(
    RevocationProcessor processor,
    IRevocationStore store,
    IChainDeployment deployment,
    IChainEvents events,
    IOptions<RevocationOptions> options,
    TimeProvider clock,
    ILogger<RevocationWorker> logger) : BackgroundService
{
    private readonly AsyncPulse _wake = new();
    private readonly ConcurrentDictionary<ulong, bool> _changedOffers = new();
    private volatile bool _sweepAll = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        events.Changed += OnChanged;
        try
        {
            await RunAsync(stoppingToken);
        }
        finally
        {
            events.Changed -= OnChanged;
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await deployment.TryGetAsync(stoppingToken) is null)
                {
                    await Task.Delay(options.Value.PollInterval * 5, stoppingToken);
                    continue;
                }
                await using var held = await store.TryLockAsync(stoppingToken);
                if (held is null)
                {
                    await Task.Delay(options.Value.PollInterval * 5, stoppingToken);
                    continue;
                }
                logger.LogInformation("Revocation: this instance watches the offers for revoked consent");
                _sweepAll = true;
                var lastSweep = DateTimeOffset.MinValue;
                while (!stoppingToken.IsCancellationRequested)
                {
                    var sweepAll = _sweepAll || clock.GetUtcNow() - lastSweep >= options.Value.SweepInterval;
                    _sweepAll = false;
                    var offers = _changedOffers.Keys.ToList();
                    foreach (var offer in offers) _changedOffers.TryRemove(offer, out _);
                    if (sweepAll) lastSweep = clock.GetUtcNow();
                    if (!await processor.RunOnceAsync(offers, sweepAll, stoppingToken)) await _wake.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Revocation: {Error}; retrying", e.Message);
                _sweepAll = true;
                await Task.Delay(options.Value.ErrorBackoff, stoppingToken);
            }
        }
    }

    private void OnChanged(ChainChangeSet changes)
    {
        foreach (var change in changes.Changes)
        {
            switch (change.Kind)
            {
                case ChangeKind.Reset:
                case ChangeKind.Offer when change.Key is null:
                    _sweepAll = true;
                    break;
                case ChangeKind.Offer when ulong.TryParse(change.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var offer):
                    _changedOffers[offer] = true;
                    break;
                case ChangeKind.Consent or ChangeKind.Outbox:
                    break;
                default:
                    continue;
            }
            _wake.Pulse();
        }
    }
}
