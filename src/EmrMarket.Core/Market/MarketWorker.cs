using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Chain.Internal;
using EmrMarket.Core.Market.Offers;
using EmrMarket.Core.Market.Purchases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Market;

/// <summary>
/// Keeps datasets in step with their offers (<see cref="OfferService.SyncAsync"/>: offer id and status once the
/// indexer has read a listing, pause or delisting; a failed listing back to built) and queues custodial purchases
/// stored without their outbox row. Woken by offer and outbox changes, otherwise every
/// <see cref="MarketOptions.WorkerInterval"/>. Every step is idempotent, so every instance may run it.
/// </summary>
public sealed class MarketWorker(
    OfferService offers,
    PurchaseService purchases,
    IChainDeployment deployment,
    IChainEvents events,
    IOptions<MarketOptions> options,
    ILogger<MarketWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wake = new AsyncPulse();
        void OnChanged(ChainChangeSet changes)
        {
            if (changes.Touches(ChangeKind.Offer) || changes.Touches(ChangeKind.Outbox)) wake.Pulse();
        }
        events.Changed += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await deployment.TryGetAsync(stoppingToken) is not null) await RoundAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Market: {Error}; retrying", e.Message);
                }
                await wake.WaitAsync(options.Value.WorkerInterval, stoppingToken);
            }
        }
        finally
        {
            events.Changed -= OnChanged;
        }
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        var changed = await offers.SyncAsync(cancellationToken);
        if (changed.Count > 0) logger.LogInformation("Market: {Count} datasets follow their offers' status", changed.Count);
        var resent = await purchases.ResumeAsync(cancellationToken);
        if (resent > 0) logger.LogInformation("Market: queued {Count} purchases that were stored without their transaction", resent);
    }
}
