namespace EmrMarket.Core.Ingest;

/// <summary>Anchors a closed batch's Merkle root on the RecordAnchor contract; called after the batch commits.</summary>
public interface IBatchAnchor
{
    Task AnchorAsync(IngestBatch batch, CancellationToken cancellationToken);
}
