using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Core.Chain.Indexing;

/// <summary>
/// Rebuilds every chain read model from the deployment block (<c>emr reindex</c>): empties them, then reads the chain
/// again with the indexer, unless another instance's indexer holds the lock, in which case that one rebuilds them.
/// </summary>
public sealed class ChainReindexer(IChainDeployment deployment, IChainIndexStore store, EthRpc rpc, ChainIndexer indexer)
{
    /// <exception cref="ChainNotDeployedException">No deployment, or the chain no longer has its start block (it was reset).</exception>
    public async Task<ReindexResult> ReindexAsync(CancellationToken cancellationToken)
    {
        var contracts = await deployment.GetAsync(cancellationToken);
        var start = await rpc.GetBlockByNumberAsync(contracts.Deployment.StartBlock, cancellationToken)
            ?? throw new ChainNotDeployedException($"the chain has no block {contracts.Deployment.StartBlock}: it was reset since the deployment (run emr deploy)");
        await store.ResetAsync(contracts.Key, new IndexedBlock(start.Number, start.Hash, DateTimeOffset.FromUnixTimeSeconds((long)start.Timestamp)),
            cancellationToken);
        await using (var held = await store.TryLockAsync(cancellationToken))
        {
            if (held is null) return new ReindexResult(start.Number, null);
            await indexer.CatchUpAsync(cancellationToken);
        }
        return new ReindexResult(start.Number, (await store.GetCursorAsync(cancellationToken))!.Block.Number);
    }
}
