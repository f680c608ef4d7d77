using EmrMarket.Core.Chain.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EmrMarket.Data.Chain;

/// <summary>
/// LISTENs on <see cref="ChainChangeSet.Channel"/> and raises every notification as <see cref="IChainEvents"/> in
/// this app instance. After losing the connection it reconnects and announces a reset, since changes may have
/// been missed meanwhile.
/// </summary>
public sealed class ChainNotificationListener(NpgsqlDataSource dataSource, IChainEvents events, ILogger<ChainNotificationListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(1);

    /// <summary>Completes once the listener is subscribed (tests wait for it before causing changes).</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var missed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => events.Publish(ChainChangeSet.FromPayload(e.Payload));
                await using (var listen = new NpgsqlCommand($"listen {ChainChangeSet.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                _listening.TrySetResult();
                if (missed) events.Publish(new ChainChangeSet([new ChainChange(ChangeKind.Reset, null)]));
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException || (e is OperationCanceledException && !stoppingToken.IsCancellationRequested))
            {
                missed = true;
                logger.LogWarning("Change notifications: the database connection failed ({Error}); reconnecting", e.Message);
                await Task.Delay(Backoff, stoppingToken);
            }
        }
    }
}
