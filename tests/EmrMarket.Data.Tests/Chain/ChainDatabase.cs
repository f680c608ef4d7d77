using System.Security.Cryptography;
using Dapper;
using EmrMarket.Core.Accounts;
using EmrMarket.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>A test class's own migrated database, fresh contracts on the shared anvil, and one master key for its app instances.</summary>
public sealed class ChainDatabase : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public DeployedChain Chain { get; } = new();

    public string MasterKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string ConnectionString => _database.ConnectionString;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        DataSource = _database.CreateDataSource();
        await new MigrationRunner(DataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
        await Chain.InitializeAsync();
    }

    public Task<ChainApp> StartAppAsync(bool workers = true, IDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null) =>
        ChainApp.StartAsync(ConnectionString, Chain, MasterKey, workers, settings, configure);

    /// <summary>An account (without the slow password hash: these tests never sign in).</summary>
    public async Task<Guid> NewAccountAsync(string role = Roles.Patient)
    {
        var id = Guid.NewGuid();
        await using var connection = await DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            insert into accounts (id, email, display_name, roles, password_hash, security_stamp)
            values (@id, @email, 'Test', @roles, 'not a hash', 'stamp')
            """, new { id, email = $"{id:N}@example.test", roles = new[] { role } });
        return id;
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task DisposeAsync()
    {
        await Chain.DisposeAsync();
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
