using EmrMarket.Core.Ingest;

namespace EmrMarket.Core.Anchoring;

/// <summary>Per-record Merkle proofs against the batch roots anchored on chain.</summary>
public sealed class RecordProofService(IIngestBatches batches, IBatchAnchorStore anchors, IAnchorReadModel chainAnchors)
{
    /// <summary>The proof for a record version; null when there is no such record.</summary>
    public async Task<RecordProof?> GetAsync(Guid recordId, CancellationToken cancellationToken)
    {
        var leaf = await batches.FindLeafAsync(recordId, cancellationToken);
        if (leaf is null) return null;
        var tree = RecordTree.OfFlat(await batches.LeafHashesAsync(leaf.BatchId, cancellationToken));
        var stored = await anchors.FindAsync(leaf.BatchId, cancellationToken);
        if (stored is not null && stored.Root != tree.Root)
            throw new InvalidOperationException($"batch {leaf.BatchId}: its records no longer give the anchored root {stored.Root}");
        var anchor = await chainAnchors.FindAsync(tree.Root, cancellationToken);
        return new RecordProof(recordId, leaf.BatchId, leaf.LeafIndex, leaf.Hash, tree.LeafHash(leaf.LeafIndex), tree.GetProof(leaf.LeafIndex),
            tree.Root, anchor);
    }
}
