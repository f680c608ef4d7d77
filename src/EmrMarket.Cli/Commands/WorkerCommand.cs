using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmrMarket.Cli.Commands;

/// <summary>Runs the chain's background work without the web app (the web app runs it too, unless Chain:RunWorkers is false).</summary>
public sealed class WorkerCommand : ICommand
{
    public string Name => "worker";

    public string Description => "run the chain workers (outbox senders, indexer, consent relayer, anchors) until Ctrl+C";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = WorkerHost.Build(LogLevel.Information);
        await output.WriteLineAsync("emr worker: sending, indexing, relaying and anchoring; Ctrl+C stops");
        try
        {
            await host.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        return 0;
    }
}
