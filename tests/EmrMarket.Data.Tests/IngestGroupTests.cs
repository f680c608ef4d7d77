using System.Text.Json.Nodes;
using Dapper;
using EmrMarket.Core.Ingest;
using EmrMarket.Fhir;

namespace EmrMarket.Data.Tests;

/// <summary>Files written many to a transaction: each still stored whole or not at all, in order, idempotently.</summary>
public sealed class IngestGroupTests() : IngestFileTests(seed: 7, patients: 3)
{
    private string Save(string folder, string name, JsonNode bundle) => Bundles.Save(folder, name, bundle);

    private string Copy(string folder, int i) => Save(folder, $"{i}-good.json", Load(i));

    private static IEnumerable<JsonNode> Resources(JsonObject bundle, string type) =>
        bundle["entry"]!.AsArray().Select(e => e!["resource"]!).Where(r => (string)r["resourceType"]! == type);

    private static string PatientId(JsonObject bundle) => (string)Resources(bundle, "Patient").Single()["id"]!;

    [Fact]
    public async Task IngestAsync_NulCharacterInAGroup_RejectsOnlyThatFileNamingTheEntry()
    {
        Copy("group", 0);
        Copy("group", 2);
        var bad = Load(1);
        Resources(bad, "Observation").First()["code"]!["coding"]![0]!["display"] = "before\u0000after";
        Save("group", "1-nul.json", bad);

        var summary = await Harness.IngestAsync(Path.Combine(Bundles.Folder, "group"));

        Assert.Equal(3, summary.Files.Count);
        Assert.Equal(["0-good.json", "1-nul.json", "2-good.json"], summary.Files.Select(f => f.Source));
        Assert.Equal([IngestOutcome.Accepted, IngestOutcome.Rejected, IngestOutcome.Accepted], summary.Files.Select(f => f.Outcome));
        var error = summary.Files[1].Error!;
        var firstObservation = bad["entry"]!.AsArray().Select((e, i) => (Type: (string)e!["resource"]!["resourceType"]!, Index: i)).First(e => e.Type == "Observation").Index;
        Assert.Equal((FhirErrorCode.InvalidValue, (int?)firstObservation), (error.Code, error.EntryIndex));
        Assert.Contains("NUL", error.Detail);
        Assert.Equal(0, await Harness.CountAsync("select count(*) from patients where source_id = @id", new { id = PatientId(bad) }));
        Assert.Equal(2, await Harness.CountAsync("select count(*) from patients"));
        Assert.Equal(summary.Records.Written, await Harness.CountAsync("select count(*) from records"));
        Assert.Equal(Enumerable.Range(0, summary.Batch!.RecordCount), await Harness.LeafIndexesAsync(summary.Batch.Id));
    }

    [Fact]
    public async Task IngestAsync_NewPatientHoldsARecordStoredUnderAnother_StoresItsNextVersion()
    {
        await Harness.IngestAsync(Good(0));
        var taken = (string)Resources(Load(0), "Observation").First()["id"]!;
        var moved = Load(1);
        var observation = Resources(moved, "Observation").First();
        var oldId = (string)observation["id"]!;
        observation["id"] = taken;
        foreach (var entry in moved["entry"]!.AsArray().Where(e => (string?)e!["fullUrl"] == $"urn:uuid:{oldId}"))
            entry!["fullUrl"] = $"urn:uuid:{taken}";
        Copy("second", 2);
        Save("second", "1-moved.json", moved);

        var summary = await Harness.IngestAsync(Path.Combine(Bundles.Folder, "second"));

        Assert.Equal(0, summary.Rejected);
        Assert.Equal(1, summary.Records.Updated);
        var versions = (await QueryAsync<(int Version, bool Current, Guid PatientId)>(
            "select version, current, patient_id from records where source_id = @taken order by version", new { taken })).ToList();
        var newOwner = await Harness.CountAsync("select count(*) from patients p where p.source_id = @id and p.id = @owner",
            new { id = PatientId(moved), owner = versions[^1].PatientId });
        Assert.Equal([(1, false), (2, true)], versions.Select(v => (v.Version, v.Current)));
        Assert.Equal(1, newOwner);
        Assert.Equal(1, await Harness.CountAsync("select count(*) from observations where source_id = @taken", new { taken }));
        Assert.Equal(Enumerable.Range(0, summary.Batch!.RecordCount), await Harness.LeafIndexesAsync(summary.Batch.Id));
    }

    [Fact]
    public async Task IngestAsync_TwoFilesOfAGroupChangeOneRecord_StoresBothVersionsInFileOrder()
    {
        Copy("twice", 0);
        var changed = Load(0);
        var observation = Resources(changed, "Observation").First(r => r["valueQuantity"] is not null);
        observation["valueQuantity"]!["value"] = 98.6;
        Save("twice", "1-changed.json", changed);
        var id = (string)observation["id"]!;

        var summary = await Harness.IngestAsync(Path.Combine(Bundles.Folder, "twice"));

        Assert.Equal(2, summary.Accepted);
        Assert.Equal(new RecordCounts(0, 1, summary.Files[0].Total.New - 1), summary.Files[1].Total);
        Assert.Equal([(1, false), (2, true)], await QueryAsync<(int, bool)>("select version, current from records where source_id = @id order by version", new { id }));
        Assert.Equal(1, await Harness.CountAsync("select count(*) from observations where source_id = @id and value_number = 98.6", new { id }));
        Assert.Equal(Enumerable.Range(0, summary.Batch!.RecordCount), await Harness.LeafIndexesAsync(summary.Batch.Id));
    }

    [Fact]
    public async Task IngestAsync_FilesLongerThanAChunk_AreStreamedEachInItsOwnTransaction()
    {
        var noPatient = Load(2);
        noPatient["entry"]!.AsArray().RemoveAt(0);
        var streamed = new IngestOptions { ChunkSize = 16 };
        var sources = IngestSources.FromPaths([Good(0), Save("bad", "no-patient.json", noPatient), Good(1)]);

        var summary = await Harness.Service(streamed).IngestAsync(new IngestRequest(Harness.Provider.Code, "test", sources), CancellationToken.None);
        var before = await Harness.TableCountsAsync();
        var again = await Harness.Service(streamed).IngestAsync(new IngestRequest(Harness.Provider.Code, "test", IngestSources.FromPaths([Good(0), Good(1)])), CancellationToken.None);

        Assert.Equal([IngestOutcome.Accepted, IngestOutcome.Rejected, IngestOutcome.Accepted], summary.Files.Select(f => f.Outcome));
        Assert.Equal(FhirErrorCode.MissingPatient, summary.Files[1].Error!.Code);
        Assert.Equal(2, before["patients"]);
        Assert.Equal(summary.Records.Written, before["records"]);
        Assert.Equal(2, again.Unchanged);
        Assert.Equal(before, await Harness.TableCountsAsync());
    }

    private async Task<List<T>> QueryAsync<T>(string sql, object parameters)
    {
        await using var connection = await Harness.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }
}
