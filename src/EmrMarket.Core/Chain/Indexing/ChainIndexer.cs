using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Chain.Indexing;

/// <summary>
/// Follows the contracts' events from the deployment block, <see cref="ChainOptions.Confirmations"/> blocks behind
/// the head (docs/marketplace.md, "Indexer and read models"). Before each range it checks that the block under
/// its cursor is still on the chain; after a reorganisation it rewinds to the last stored block that is, and
/// reads again.
/// </summary>
public sealed class ChainIndexer(
    EthRpc rpc,
    IChainDeployment deployment,
    IChainIndexStore store,
    IOptions<IndexerOptions> options,
    IOptions<ChainOptions> chain,
    ILogger<ChainIndexer> logger)
{
    /// <summary>Reads one range (or rewinds once); returns false when there was nothing new to read.</summary>
    public async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        var contracts = await deployment.GetAsync(cancellationToken);
        var cursor = await store.GetCursorAsync(cancellationToken);
        if (cursor is null || cursor.DeploymentKey != contracts.Key)
        {
            await ResetAsync(contracts, cancellationToken);
            return true;
        }
        if (!await IsCanonicalAsync(cursor.Block, cancellationToken))
        {
            await RewindAsync(cursor.Block, contracts, cancellationToken);
            return true;
        }

        var latest = await rpc.BlockNumberAsync(cancellationToken);
        var head = latest >= (ulong)chain.Value.Confirmations ? latest - (ulong)chain.Value.Confirmations : 0;
        if (head <= cursor.Block.Number) return false;
        var from = cursor.Block.Number + 1;
        var to = Math.Min(head, cursor.Block.Number + (ulong)options.Value.BlocksPerRange);

        var logs = await rpc.GetLogsAsync(new LogFilter(from, to, contracts.IndexedAddresses), cancellationToken);
        var numbers = logs.Select(l => l.BlockNumber!.Value).Append(to).Distinct().ToList();
        var blocks = new Dictionary<ulong, IndexedBlock>();
        foreach (var chunk in numbers.Chunk(32))
        {
            foreach (var block in await Task.WhenAll(chunk.Select(n => BlockAsync(n, cancellationToken)))) blocks[block.Number] = block;
        }
        if (logs.Any(l => l.Removed || l.BlockHash != blocks[l.BlockNumber!.Value].Hash) || !await IsCanonicalAsync(cursor.Block, cancellationToken))
        {
            logger.LogInformation("Indexer: the chain changed while blocks {From}-{To} were read; reading again", from, to);
            return true;
        }

        var range = new IndexedRange(from, blocks[to], blocks.Values.OrderBy(b => b.Number).ToList());
        var decoder = new ChainEventDecoder(contracts);
        foreach (var log in logs.OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex)) decoder.Add(range, log, blocks[log.BlockNumber!.Value].Time);
        if (!await store.ApplyAsync(range, cancellationToken))
            logger.LogWarning("Indexer: the cursor moved while blocks {From}-{To} were read (a reindex, or a second indexer); reading again", from, to);
        return true;
    }

    /// <summary>Reads until caught up with the head (less the confirmation depth).</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (await StepAsync(cancellationToken))
        {
        }
    }

    private async Task ResetAsync(ChainContracts contracts, CancellationToken cancellationToken)
    {
        var start = await BlockAsync(contracts.Deployment.StartBlock, cancellationToken);
        logger.LogInformation("Indexer: indexing deployment {Key} from block {Start}", contracts.Key, start.Number);
        await store.ResetAsync(contracts.Key, start, cancellationToken);
    }

    private async Task RewindAsync(IndexedBlock cursor, ChainContracts contracts, CancellationToken cancellationToken)
    {
        var below = cursor.Number;
        while (true)
        {
            var stored = await store.BlocksAsync(below, 32, cancellationToken);
            if (stored.Count == 0) break;
            var canonical = await Task.WhenAll(stored.Select(b => IsCanonicalAsync(b, cancellationToken)));
            var index = Array.IndexOf(canonical, true);
            if (index >= 0)
            {
                logger.LogWarning("Indexer: reorganisation below block {Cursor}; rewinding to block {Keep}", cursor.Number, stored[index].Number);
                await store.RewindAsync(stored[index], cancellationToken);
                return;
            }
            if (stored[^1].Number == 0) break;
            below = stored[^1].Number - 1;
        }
        logger.LogWarning("Indexer: no indexed block is on the chain any more; indexing again from the deployment block");
        await ResetAsync(contracts, cancellationToken);
    }

    private async Task<bool> IsCanonicalAsync(IndexedBlock block, CancellationToken cancellationToken) =>
        (await rpc.GetBlockByNumberAsync(block.Number, cancellationToken))?.Hash == block.Hash;

    private async Task<IndexedBlock> BlockAsync(ulong number, CancellationToken cancellationToken)
    {
        var block = await rpc.GetBlockByNumberAsync(number, cancellationToken)
            ?? throw new RpcTransportException($"the node has no block {number} although it reported it");
        return new IndexedBlock(block.Number, block.Hash, DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp));
    }
}
