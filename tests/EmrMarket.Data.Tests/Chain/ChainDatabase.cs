using System.Security.Cryptography;
using Dapper;
using EmrMarket.Core.Accounts;
using EmrMarket.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>A test class's own migrated database, fresh contracts on the shared anvil, and one master key for its app instances.</summary>
public class ChainDatabase : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private bool _ownDatabase;

    public DeployedChain Chain { get; private set; } = null!;

    public string MasterKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await new MigrationRunner(DataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
        Chain = await DeployAsync();
    }

    protected virtual async Task<string> CreateDatabaseAsync()
    {
        await _database.InitializeAsync();
        _ownDatabase = true;
        return _database.ConnectionString;
    }

    protected virtual async Task<DeployedChain> DeployAsync()
    {
        var chain = new DeployedChain();
        await chain.InitializeAsync();
        return chain;
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

    public virtual async Task DisposeAsync()
    {
        await Chain.DisposeAsync();
        await DataSource.DisposeAsync();
        if (_ownDatabase) await _database.DisposeAsync();
    }
}
