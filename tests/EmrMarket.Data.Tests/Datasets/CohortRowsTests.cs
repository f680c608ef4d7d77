using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Data.Encryption;
using EmrMarket.Fhir.Model;
using EmrMarket.Testing;
using Microsoft.Extensions.Options;

namespace EmrMarket.Data.Tests.Datasets;

/// <summary>The COPY loader the dataset-build benchmark uses, small: 200 patients, then a real build over them.</summary>
public sealed class CohortRowsTests : IAsyncLifetime
{
    private readonly MigratedDatabase _database = new();
    private const ulong Academic = (ulong)Purpose.AcademicResearch;
    private readonly string _folder = Directory.CreateTempSubdirectory("emr-cohort-").FullName;
    private readonly MasterKeyRing _ring = new(Options.Create(new EncryptionOptions { MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
    private PrivateAnvil _anvil = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _anvil = await PrivateAnvil.StartAsync();
        await _anvil.MineAsync((int)CohortRows.LastBlock + 1);
    }

    public async Task DisposeAsync()
    {
        await _anvil.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task CopyAsync_ThenBuild_IncludesExactlyThePatientsConsentingAtTheSnapshot()
    {
        await using var dataSource = _database.CreateDataSource();
        var loaded = await CohortRows.CopyAsync(dataSource, _ring, _anvil.Rpc, 200, Academic, seed: 3, default);

        var build = await CohortRows.Builder(dataSource, _anvil.Rpc, _folder).BuildAsync(new DatasetRequest("Smoke", "All loaded patients",
            new CohortDefinition(), Academic, new DatasetPolicy { QuasiIdentifiers = ["age", "sex"], K = 2, SuppressionLimit = 0.2 },
            CohortRows.ObservationCodes, "test", CohortRows.SnapshotBlock), default);

        Assert.Equal(200, build.Matching);
        Assert.InRange(loaded.ConsentingAtSnapshot, 120, 190);
        Assert.Equal(loaded.ConsentingAtSnapshot, build.Consenting);
        Assert.Equal(build.Consenting - build.Suppressed, build.Dataset.PatientCount);
        // Each patient: one patients row, ten observations (two visits of five codes) and at least one condition.
        Assert.InRange(build.Dataset.RowCount, 12L * build.Dataset.PatientCount, long.MaxValue);
        Assert.Equal(2000, loaded.Observations);
    }

    [Fact]
    public async Task CopyAsync_DirectIdentifiers_OpenWithThePatientsWrappedDataKey()
    {
        await using var dataSource = _database.CreateDataSource();
        var loaded = await CohortRows.CopyAsync(dataSource, _ring, _anvil.Rpc, 5, Academic, seed: 4, default);

        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QueryFirstAsync<(Guid Id, Guid KeyId, string MasterKeyId, byte[] Wrapped, byte[] Names)>("""
            select p.id, k.id, k.master_key_id, k.wrapped, p.names_enc from patients p join data_keys k on k.id = p.data_key_id
            where p.provider_id = @ProviderId
            """, new { loaded.ProviderId });
        using var key = _ring.Unwrap(row.KeyId, row.MasterKeyId, row.Wrapped);
        var names = JsonSerializer.Deserialize<List<HumanName>>(key.Decrypt("patients.names_enc", row.Id, row.Names))!;

        Assert.StartsWith("Cohort", Assert.Single(names).Family);
        Assert.Equal(5, loaded.Patients);
    }
}
