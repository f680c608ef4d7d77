using Npgsql;

namespace EmrMarket.Testing;

/// <summary>
/// A database of its own for one test class, created empty on the test cluster and dropped after.
/// Use as <c>IClassFixture&lt;PostgresDatabase&gt;</c>.
/// </summary>
public class PostgresDatabase : IAsyncLifetime
{
    public string Name { get; } = $"t_{Guid.NewGuid():N}"[..20];

    public string ConnectionString { get; private set; } = "";

    private string _serverConnection = "";

    public virtual async Task InitializeAsync()
    {
        var stack = await TestStack.GetAsync();
        _serverConnection = stack.PostgresConnection;
        await using (var admin = new NpgsqlConnection(_serverConnection))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {Name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnection) { Database = Name }.ConnectionString;
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public virtual async Task DisposeAsync()
    {
        await using var admin = new NpgsqlConnection(_serverConnection);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {Name} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
