using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Chain.Internal;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmrMarket.Core.Anchoring;

/// <summary>
/// Settles batch anchors: records the root, transaction and block on the batch once its outbox row is confirmed
/// (IIngestBatches.MarkAnchoredAsync), and queues the anchor of any closed batch that has none yet (the app
/// stopped between closing a batch and queueing its anchor, or the chain was not deployed then).
/// </summary>
public sealed class AnchorWorker(
    IIngestBatches batches,
    IBatchAnchorStore anchors,
    ChainBatchAnchor anchor,
    IOutbox outbox,
    IChainDeployment deployment,
    IChainEvents events,
    ILogger<AnchorWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // An outbox row settling (an anchor confirmed) wakes it at once; otherwise it looks every Interval.
        var wake = new AsyncPulse();
        void OnChanged(ChainChangeSet changes)
        {
            if (changes.Touches(ChangeKind.Outbox)) wake.Pulse();
        }
        events.Changed += OnChanged;
        try
        {
            await RunAsync(wake, stoppingToken);
        }
        finally
        {
            events.Changed -= OnChanged;
        }
    }

    private async Task RunAsync(AsyncPulse wake, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await deployment.TryGetAsync(stoppingToken) is not null) await SettleAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Anchors: {Error}; retrying", e.Message);
            }
            await wake.WaitAsync(Interval, stoppingToken);
        }
    }

    /// <summary>One round over the pending batches; returns how many it marked anchored.</summary>
    public async Task<int> SettleAsync(CancellationToken cancellationToken)
    {
        var anchored = 0;
        foreach (var batch in await batches.PendingAsync(cancellationToken))
        {
            var record = await anchors.FindAsync(batch.Id, cancellationToken);
            if (record is null)
            {
                await anchor.QueueAsync(batch, cancellationToken);
                continue;
            }
            var row = await outbox.GetAsync(record.OutboxId, cancellationToken);
            if (row is { Status: OutboxStatus.Confirmed, TransactionHash: { } hash, BlockNumber: { } block })
            {
                await batches.MarkAnchoredAsync(batch.Id, record.Root.ToArray(), hash.ToArray(), (long)block, cancellationToken);
                anchored++;
            }
        }
        return anchored;
    }
}
