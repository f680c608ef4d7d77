using System.Security.Cryptography;
using Dapper;
using EmrMarket.Core.Ingest;
using EmrMarket.Data.Encryption;
using EmrMarket.Data.Ingest;
using EmrMarket.Data.Patients;
using EmrMarket.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EmrMarket.Data.Tests;

/// <summary>A migrated database of its own, a random master key, and the real ingest service over them.</summary>
public sealed class IngestHarness : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public string MasterKey { get; private set; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public IngestProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        DataSource = _database.CreateDataSource();
        await new MigrationRunner(DataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
        Provider = await Store().CreateProviderAsync("general", "General Hospital", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    public MasterKeyRing Ring(string? masterKey = null, params string[] retired) =>
        new(Options.Create(new EncryptionOptions { MasterKey = masterKey ?? MasterKey, RetiredMasterKeys = [.. retired] }));

    public IngestStore Store() => new(DataSource, Ring());

    public PatientRepository Patients(MasterKeyRing? ring = null) => new(DataSource, ring ?? Ring());

    public IngestService Service(IngestOptions? options = null) =>
        new(Store(), new PendingBatchAnchor(), Options.Create(options ?? new IngestOptions()), NullLogger<IngestService>.Instance);

    public Task<IngestSummary> IngestAsync(params string[] paths) =>
        Service().IngestAsync(new IngestRequest(Provider.Code, "test", IngestSources.FromPaths(paths)), CancellationToken.None);

    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    /// <summary>A batch's leaf indexes in order: 0…n-1 when none was lost to a rollback.</summary>
    public async Task<List<int>> LeafIndexesAsync(Guid batchId)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<int>("select leaf_index from records where batch_id = @batchId order by leaf_index", new { batchId })).ToList();
    }

    /// <summary>Row counts of every table the ingest writes, to show that something did or did not change.</summary>
    public async Task<Dictionary<string, long>> TableCountsAsync()
    {
        string[] tables = ["data_keys", "providers", "patients", "ingest_batches", "records", "encounters", "conditions", "observations",
            "observation_components", "medication_requests", "procedures", "immunizations", "allergy_intolerances", "diagnostic_reports", "care_plans"];
        var counts = new Dictionary<string, long>();
        foreach (var table in tables) counts[table] = await CountAsync($"select count(*) from {table}");
        return counts;
    }
}
