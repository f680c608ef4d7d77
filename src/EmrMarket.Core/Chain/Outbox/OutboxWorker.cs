using EmrMarket.Ledger.Primitives;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>
/// Runs one <see cref="OutboxSender"/> per address that has work, in every app instance; the advisory lock per
/// address makes sure only one instance sends for it. Database or node failures end a sender, which is started
/// again on the next round; nothing is lost because every step is persisted first.
/// </summary>
public sealed class OutboxWorker(
    IOutboxStore store,
    IChainDeployment deployment,
    OutboxSender sender,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private readonly Dictionary<EthAddress, Task> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await deployment.TryGetAsync(stoppingToken) is not null) await DispatchAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Outbox: cannot look for work ({Error}); retrying", e.Message);
                    await Task.Delay(options.Value.ErrorBackoff, stoppingToken);
                }
                await signal.WaitAsync(options.Value.IdlePollInterval, stoppingToken);
            }
        }
        finally
        {
            await Task.WhenAll(_running.Values);
        }
    }

    private async Task DispatchAsync(CancellationToken stoppingToken)
    {
        foreach (var done in _running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList()) _running.Remove(done);
        foreach (var address in await store.OpenSendersAsync(stoppingToken))
        {
            if (!_running.ContainsKey(address)) _running[address] = Task.Run(() => RunSenderAsync(address, stoppingToken), CancellationToken.None);
        }
    }

    private async Task RunSenderAsync(EthAddress address, CancellationToken stoppingToken)
    {
        try
        {
            await using var session = await store.TryOpenSessionAsync(address, stoppingToken);
            if (session is null) return;
            await sender.RunAsync(session, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Outbox sender {Sender} stopped; it starts again on the next round", address);
            await Task.Delay(options.Value.ErrorBackoff, CancellationToken.None);
        }
    }
}
