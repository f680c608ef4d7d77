namespace EmrMarket.Core.Ingest;

/// <summary>What anchoring and per-record proofs need from storage.</summary>
public interface IIngestBatches
{
    /// <summary>
    /// The batch's record hashes in leaf order, 32 bytes each, back to back (leaf i at offset 32·i): one array
    /// instead of an object per record, so anchoring a million-record batch costs 32 MB, not hundreds.
    /// </summary>
    Task<byte[]> LeafHashesAsync(Guid batchId, CancellationToken cancellationToken);

    /// <summary>A record version's batch, leaf index and hash; null when there is no such record.</summary>
    Task<RecordLeaf?> FindLeafAsync(Guid recordId, CancellationToken cancellationToken);

    /// <summary>Closed batches whose anchor is still pending, oldest first.</summary>
    Task<IReadOnlyList<IngestBatch>> PendingAsync(CancellationToken cancellationToken);

    /// <summary>Records the Merkle root and the anchoring transaction once it is mined.</summary>
    Task MarkAnchoredAsync(Guid batchId, byte[] merkleRoot, byte[] transactionHash, long block, CancellationToken cancellationToken);
}
