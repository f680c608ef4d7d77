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
        ReindexResult result;
        try
        {
            result = await services.GetRequiredService<ChainReindexer>().ReindexAsync(cancellationToken);
        }
        catch (ChainNotDeployedException e)
        {
            throw new CommandException(e.Message, 78);
        }
        catch (Exception e) when (e is RpcTransportException or JsonRpcException)
        {
            throw new CommandException($"the chain node failed: {e.Message}");
        }
        if (result.ToBlock is not { } to)
        {
            await output.WriteLineAsync("read models emptied; the indexer of the running app rebuilds them from block " + result.FromBlock);
            return 0;
        }
        await output.WriteLineAsync($"rebuilt from block {result.FromBlock} to block {to}");
        foreach (var (table, rows) in await services.GetRequiredService<IChainIndexStore>().CountRowsAsync(cancellationToken))
            await output.WriteLineAsync($"  {table,-24} {rows,10:N0} rows");
        return 0;
    }
}
