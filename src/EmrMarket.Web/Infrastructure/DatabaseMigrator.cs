using EmrMarket.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EmrMarket.Web.Infrastructure;

/// <summary>Applies pending migrations at start-up; if PostgreSQL is not up yet, keeps trying.</summary>
public sealed partial class DatabaseMigrator(
    MigrationRunner runner, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.MigrateOnStart) return;
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await runner.MigrateAsync(stoppingToken);
                LogMigrated(applied.Count);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                LogWaiting(e.Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated: {Count} migrations applied")]
    private partial void LogMigrated(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot migrate yet ({Reason}); retrying in {Seconds} s")]
    private partial void LogWaiting(string reason, double seconds);
}
