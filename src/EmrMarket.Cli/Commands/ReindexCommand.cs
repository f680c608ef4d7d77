using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Cli.Commands;

/// <summary>Rebuilds every chain read model from the deployment block.</summary>
public sealed class ReindexCommand : ICommand
{
    public string Name => "reindex";

    public string Description => "rebuild the chain read models from the deployment block (the running indexer follows)";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ChainContracts contracts;
        try
        {
            contracts = await services.GetRequiredService<IChainDeployment>().GetAsync(cancellationToken);
        }
        catch (ChainNotDeployedException e)
        {
            throw new CommandException(e.Message, 78);
        }
        var store = services.GetRequiredService<IChainIndexStore>();
        var rpc = services.GetRequiredService<EthRpc>();
        try
        {
            var start = await rpc.GetBlockByNumberAsync(contracts.Deployment.StartBlock, cancellationToken)
                ?? throw new CommandException($"the chain has no block {contracts.Deployment.StartBlock}: it was reset since the deployment (run emr deploy)");
            await store.ResetAsync(contracts.Key, new IndexedBlock(start.Number, start.Hash, DateTimeOffset.FromUnixTimeSeconds((long)start.Timestamp)),
                cancellationToken);
            await using var held = await store.TryLockAsync(cancellationToken);
            if (held is null)
            {
                await output.WriteLineAsync("read models emptied; the indexer of the running app rebuilds them from block " + start.Number);
                return 0;
            }
            await services.GetRequiredService<ChainIndexer>().CatchUpAsync(cancellationToken);
        }
        catch (Exception e) when (e is RpcTransportException or JsonRpcException)
        {
            throw new CommandException($"the chain node failed: {e.Message}");
        }

        var cursor = await store.GetCursorAsync(cancellationToken);
        await output.WriteLineAsync($"rebuilt from block {contracts.Deployment.StartBlock} to block {cursor!.Block.Number}");
        foreach (var (table, rows) in await store.CountRowsAsync(cancellationToken)) await output.WriteLineAsync($"  {table,-24} {rows,10:N0} rows");
        return 0;
    }
}
