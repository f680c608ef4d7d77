using System.Security.Cryptography;
using EmrMarket.Data;
using EmrMarket.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EmrMarket.Bench.Chain;

/// <summary>
/// What the chain benchmarks run on: a database of their own on the "bench" PostgreSQL instance (default
/// durability), a private anvil with our contracts, and an app instance over both.
/// </summary>
public sealed class BenchChain : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _database;

    private BenchChain(string server, string database, NpgsqlDataSource dataSource, PrivateAnvil anvil, DeployedChain chain)
    {
        _server = server;
        _database = database;
        DataSource = dataSource;
        Anvil = anvil;
        Chain = chain;
        ConnectionString = dataSource.ConnectionString;
    }

    public NpgsqlDataSource DataSource { get; }

    public string ConnectionString { get; }

    public PrivateAnvil Anvil { get; }

    public DeployedChain Chain { get; }

    public string MasterKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static async Task<BenchChain> StartAsync(CancellationToken cancellationToken)
    {
        var server = (await StackScript.UpAsync("bench", "pg"))["EMR_PG_CONNECTION"];
        var database = $"bench_{Guid.NewGuid():N}"[..24];
        await ExecuteAsync(server, $"create database {database}", cancellationToken);
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(cancellationToken);
        var anvil = await PrivateAnvil.StartAsync();
        return new BenchChain(server, database, dataSource, anvil, await DeployedChain.OnAsync(anvil.RpcUrl, PrivateAnvil.ChainId));
    }

    /// <summary>An app instance with production settings (workers optional).</summary>
    public Task<ChainApp> StartAppAsync(bool workers, IDictionary<string, string?>? settings = null) =>
        ChainApp.StartAsync(ConnectionString, Chain, MasterKey, workers, settings ?? ChainApp.ProductionTimings, null);

    public async ValueTask DisposeAsync()
    {
        await Chain.DisposeAsync();
        await Anvil.DisposeAsync();
        await DataSource.DisposeAsync();
        await ExecuteAsync(_server, $"drop database if exists {_database} with (force)", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
