namespace EmrMarket.Core.Anchoring;

/// <summary>The batch_anchors table.</summary>
public interface IBatchAnchorStore
{
    Task<BatchAnchorRecord?> FindAsync(Guid batchId, CancellationToken cancellationToken);

    /// <summary>Stores the record unless the batch has one.</summary>
    Task InsertAsync(BatchAnchorRecord record, CancellationToken cancellationToken);
}
