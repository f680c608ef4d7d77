namespace EmrMarket.Core.Ingest;

/// <summary>Leaves batches with anchor status "pending", for an anchoring worker to pick up later.</summary>
public sealed class PendingBatchAnchor : IBatchAnchor
{
    public Task AnchorAsync(IngestBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;
}
