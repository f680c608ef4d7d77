using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Ingest;
using Microsoft.Extensions.Logging;

namespace EmrMarket.Core.Anchoring;

/// <summary>
/// Anchors an ingest batch: builds its Merkle tree, and queues <c>RecordAnchor.anchor(root, count)</c> signed by the
/// provider's key (after its role grant). Ingest never waits for the chain; if anything is missing (no deployment,
/// no admin key) the batch stays pending and <see cref="AnchorWorker"/> tries again.
/// </summary>
public sealed class ChainBatchAnchor(
    IIngestBatches batches,
    ProviderKeyService providerKeys,
    IOutbox outbox,
    IBatchAnchorStore anchors,
    IChainDeployment deployment,
    ILogger<ChainBatchAnchor> logger) : IBatchAnchor
{
    public async Task AnchorAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await QueueAsync(batch, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Batch {Batch}: not anchored yet ({Error}); it stays pending and is retried", batch.Id, e.Message);
        }
    }

    /// <summary>Queues the anchor; throws what went wrong (the worker's path).</summary>
    public async Task QueueAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        if (await anchors.FindAsync(batch.Id, cancellationToken) is not null) return;
        var contracts = await deployment.GetAsync(cancellationToken);
        var leaves = await batches.LeafHashesAsync(batch.Id, cancellationToken);
        if (leaves.Length == 0) return;
        var count = leaves.Length / 32;
        var root = RecordTree.OfFlat(leaves).Root;
        var (_, grant) = await providerKeys.EnsureAsync(batch.ProviderId, cancellationToken);
        var id = await outbox.EnqueueAsync(new OutboxRequest(
            $"{OutboxKinds.Anchor}:{contracts.RecordAnchor.ToLowerHex()}:{batch.Id}", OutboxKinds.Anchor, OutboxSigner.Provider(batch.ProviderId),
            contracts.RecordAnchor, ChainContracts.Abi(ContractArtifacts.RecordAnchor).Encode("anchor", root, (uint)count), AfterId: grant),
            cancellationToken);
        await anchors.InsertAsync(new BatchAnchorRecord(batch.Id, batch.ProviderId, root, count, id), cancellationToken);
    }
}
