using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Chain.Indexing;

/// <summary>
/// Runs the <see cref="ChainIndexer"/> in the one app instance that holds the indexer's lock; the others wait
/// for the lock (and take over when that instance stops). Failures of the node or the database pause it.
/// </summary>
public sealed class IndexerWorker(
    ChainIndexer indexer,
    IChainIndexStore store,
    IChainDeployment deployment,
    IOptions<IndexerOptions> options,
    ILogger<IndexerWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await deployment.TryGetAsync(stoppingToken) is null)
                {
                    await Task.Delay(options.Value.ErrorBackoff * 5, stoppingToken);
                    continue;
                }
                await using var held = await store.TryLockAsync(stoppingToken);
                if (held is null)
                {
                    await Task.Delay(options.Value.ErrorBackoff * 5, stoppingToken);
                    continue;
                }
                logger.LogInformation("Indexer: this instance indexes the chain");
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await indexer.StepAsync(stoppingToken)) await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Indexer: {Error}; retrying", e.Message);
                await Task.Delay(options.Value.ErrorBackoff, stoppingToken);
            }
        }
    }
}
