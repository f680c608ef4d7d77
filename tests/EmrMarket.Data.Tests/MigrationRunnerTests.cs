using Dapper;
using EmrMarket.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmrMarket.Data.Tests;

public sealed class MigrationRunnerTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private MigrationRunner CreateRunner() => new(_database.CreateDataSource(), NullLogger<MigrationRunner>.Instance);

    [Fact]
    public void Embedded_Migrations_AreNumberedWithoutGaps()
    {
        var versions = MigrationRunner.Embedded.Select(m => m.Version).ToList();
        Assert.NotEmpty(versions);
        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_AppliesAllInOrder()
    {
        var applied = await CreateRunner().MigrateAsync(CancellationToken.None);

        Assert.Equal(MigrationRunner.Embedded.Select(m => m.Version), applied);
        await using var connection = await _database.CreateDataSource().OpenConnectionAsync();
        var recorded = await connection.QueryAsync<int>("select version from schema_migrations order by applied_at, version");
        Assert.Equal(applied, recorded);
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_AppliesNothing()
    {
        var runner = CreateRunner();
        await runner.MigrateAsync(CancellationToken.None);

        var again = await runner.MigrateAsync(CancellationToken.None);

        Assert.Empty(again);
        Assert.Equal(MigrationRunner.Embedded[^1].Version, await runner.CurrentVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task MigrateAsync_AppliedMigrationChanged_ThrowsNamingIt()
    {
        var runner = CreateRunner();
        await runner.MigrateAsync(CancellationToken.None);
        await using (var connection = await _database.CreateDataSource().OpenConnectionAsync())
        {
            await connection.ExecuteAsync("update schema_migrations set checksum = 'tampered' where version = 1");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.MigrateAsync(CancellationToken.None));

        Assert.Contains(MigrationRunner.Embedded[0].Name, error.Message);
    }

    [Fact]
    public async Task MigrateAsync_ConcurrentRunners_ApplyEachMigrationOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CreateRunner().MigrateAsync(CancellationToken.None)));

        Assert.Equal(MigrationRunner.Embedded.Count, results.Sum(r => r.Count));
    }

    [Fact]
    public async Task CurrentVersionAsync_EmptyDatabase_IsZero()
    {
        Assert.Equal(0, await CreateRunner().CurrentVersionAsync(CancellationToken.None));
    }
}
