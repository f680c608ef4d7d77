using EmrMarket.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmrMarket.Data.Tests;

/// <summary>A test class's own database with every migration applied.</summary>
public sealed class MigratedDatabase : PostgresDatabase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var dataSource = CreateDataSource();
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
    }
}
