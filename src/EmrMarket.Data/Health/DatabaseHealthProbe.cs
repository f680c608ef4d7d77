using Dapper;
using EmrMarket.Core.Health;
using Npgsql;

namespace EmrMarket.Data.Health;

public sealed class DatabaseHealthProbe(NpgsqlDataSource dataSource, MigrationRunner migrations) : IHealthProbe
{
    public string Name => "database";

    public async Task<HealthCheck> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var version = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "show server_version", cancellationToken: cancellationToken));
            var schema = await migrations.CurrentVersionAsync(cancellationToken);
            var expected = MigrationRunner.Embedded.Count == 0 ? 0 : MigrationRunner.Embedded[^1].Version;
            var details = new Dictionary<string, object?>
            {
                ["server"] = $"PostgreSQL {version}",
                ["host"] = $"{connection.Host}:{connection.Port}",
                ["schemaVersion"] = schema,
            };
            return schema == expected
                ? new HealthCheck(Name, true, $"PostgreSQL {version}, schema version {schema}", details)
                : new HealthCheck(Name, false, $"schema version {schema}, the app needs {expected} (run emr migrate)", details);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // Drop pooled connections that died with the server, so recovery is seen at once.
            NpgsqlConnection.ClearAllPools();
            return HealthCheck.Down(Name, $"PostgreSQL is down: {e.Message}");
        }
    }
}
