using System.Text;
using System.Text.Json.Nodes;
using EmrMarket.Core.Ingest;
using EmrMarket.Fhir;
using EmrMarket.Fhir.Synthetic;

namespace EmrMarket.Data.Tests;

public sealed class IngestBehaviourTests() : IngestFileTests(seed: 99, patients: 3)
{
    private string Save(string name, JsonNode bundle) => Bundles.Save("bad", name, bundle);

    private string Save(string name, byte[] bytes) => Bundles.Save("bad", name, bytes);

    [Fact]
    public async Task IngestAsync_SameFilesAgain_ChangesNothingAndSaysSo()
    {
        var first = await Harness.IngestAsync(Path.Combine(Bundles.Folder, "good"));
        var before = await Harness.TableCountsAsync();

        var again = await Harness.IngestAsync(Path.Combine(Bundles.Folder, "good"));

        Assert.Equal(3, first.Accepted);
        Assert.Equal(3, again.Unchanged);
        Assert.Equal(0, again.Records.Written);
        Assert.Equal(first.Records.Written, again.Records.Unchanged);
        Assert.Null(again.Batch);
        Assert.Equal(before, await Harness.TableCountsAsync());
    }

    [Fact]
    public async Task IngestAsync_ChangedObservation_StoresANewVersionInANewBatch()
    {
        var first = await Harness.IngestAsync(Good(0));
        var bundle = Load(0);
        var observation = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).First(r => (string)r["resourceType"]! == "Observation" && r["valueQuantity"] is not null);
        observation["valueQuantity"]!["value"] = 123.45;
        var id = (string)observation["id"]!;

        var second = await Harness.IngestAsync(Save("changed.json", bundle));

        Assert.Equal(IngestOutcome.Accepted, Assert.Single(second.Files).Outcome);
        Assert.Equal(new RecordCounts(0, 1, first.Records.New - 1), second.Records);
        Assert.NotEqual(first.Batch!.Id, second.Batch!.Id);
        Assert.Equal(1, second.Batch.RecordCount);
        Assert.Equal(2, await Harness.CountAsync("select count(*) from records where source_id = @id", new { id }));
        Assert.Equal(123.45, await Harness.CountAsync("select count(*) from observations where source_id = @id and value_number = 123.45", new { id }) == 1 ? 123.45 : 0);
        Assert.Equal(1, await Harness.CountAsync("select count(*) from records where source_id = @id and current and version = 2", new { id }));
    }

    [Fact]
    public async Task IngestAsync_BadFilesAmongGoodOnes_RejectsEachAloneAndKeepsTheRest()
    {
        var truncated = File.ReadAllBytes(Good(2));
        Save("a-malformed.json", truncated[..(truncated.Length / 2)]);

        var noPatient = Load(2);
        noPatient["entry"]!.AsArray().RemoveAt(0);
        Save("b-no-patient.json", noPatient);

        var dangling = Load(2);
        dangling["entry"]![5]!["resource"]!["encounter"] = new JsonObject { ["reference"] = "urn:uuid:00000000-0000-4000-8000-000000000000" };
        Save("c-dangling.json", dangling);

        var unsupported = Load(2);
        unsupported["entry"]!.AsArray().Add(new JsonObject { ["resource"] = new JsonObject { ["resourceType"] = "Frobnicator", ["id"] = "x" } });
        Save("d-unsupported.json", unsupported);

        var duplicate = Load(2);
        var copy = duplicate["entry"]![5]!.DeepClone();
        copy["fullUrl"] = "urn:uuid:0aaaaaaa-0000-4000-8000-000000000000";
        copy["resource"]!["status"] = "amended";
        duplicate["entry"]!.AsArray().Add(copy);
        Save("e-duplicate.json", duplicate);

        var utf8 = Encoding.UTF8.GetBytes(Load(2).ToJsonString());
        utf8[Encoding.UTF8.GetString(utf8).IndexOf("\"family\":\"", StringComparison.Ordinal) + 10] = 0xFF;
        Save("f-invalid-utf8.json", utf8);

        var huge = Save("g-huge.json", []);
        await using (var sparse = File.OpenWrite(huge)) sparse.SetLength(2L * 1024 * 1024 * 1024);

        // Written partly before the problem shows: an Organization, then an Observation whose patient is not stored.
        var storedReference = Load(2);
        var entries = storedReference["entry"]!.AsArray();
        var organization = entries.First(e => (string)e!["resource"]!["resourceType"]! == "Organization")!.DeepClone();
        var orphan = entries.First(e => (string)e!["resource"]!["resourceType"]! == "Observation")!.DeepClone();
        orphan["resource"]!["subject"]!["reference"] = "Patient/nobody";
        orphan["resource"]!.AsObject().Remove("encounter");
        Save("h-unknown-patient.json", new JsonObject { ["resourceType"] = "Bundle", ["type"] = "batch", ["entry"] = new JsonArray(organization, orphan) });

        var summary = await Harness.IngestAsync(Good(0), Good(1), Path.Combine(Bundles.Folder, "bad"));

        Assert.Equal(2, summary.Accepted);
        Assert.Equal(8, summary.Rejected);
        var errors = summary.Errors.ToDictionary(e => e.Source);
        Assert.Equal(FhirErrorCode.MalformedJson, errors["a-malformed.json"].Code);
        Assert.Equal(FhirErrorCode.MissingPatient, errors["b-no-patient.json"].Code);
        Assert.Equal((FhirErrorCode.UnresolvedReference, 5), (errors["c-dangling.json"].Code, errors["c-dangling.json"].EntryIndex!.Value));
        Assert.Equal((FhirErrorCode.UnsupportedResourceType, entries.Count), (errors["d-unsupported.json"].Code, errors["d-unsupported.json"].EntryIndex!.Value));
        Assert.Equal((FhirErrorCode.DuplicateResource, entries.Count), (errors["e-duplicate.json"].Code, errors["e-duplicate.json"].EntryIndex!.Value));
        Assert.Equal((FhirErrorCode.InvalidUtf8, 0), (errors["f-invalid-utf8.json"].Code, errors["f-invalid-utf8.json"].EntryIndex!.Value));
        Assert.Equal(FhirErrorCode.TooLarge, errors["g-huge.json"].Code);
        Assert.Equal((FhirErrorCode.MissingPatient, 1), (errors["h-unknown-patient.json"].Code, errors["h-unknown-patient.json"].EntryIndex!.Value));

        var good = await Harness.IngestAsync(Good(0), Good(1));
        Assert.Equal(summary.Records.Written, await Harness.CountAsync("select count(*) from records"));
        Assert.Equal(2, await Harness.CountAsync("select count(*) from patients"));
        Assert.Equal(2, good.Unchanged);
        Assert.Equal(summary.Records.Written, summary.Batch!.RecordCount);
        Assert.Equal(Enumerable.Range(0, summary.Batch.RecordCount), await Harness.LeafIndexesAsync(summary.Batch.Id));
    }

    [Fact]
    public async Task IngestAsync_Ndjson_ReadsPatientsFirstAndResolvesRelativeReferences()
    {
        var folder = Path.Combine(Bundles.Folder, "ndjson");
        var generated = await SyntheticGenerator.WriteAsync(folder, new SyntheticOptions { Seed = 5, Patients = 4, Format = FhirFormat.Ndjson });

        var summary = await Harness.IngestAsync(folder);

        Assert.Equal(0, summary.Rejected);
        Assert.Equal(generated.Resources, summary.Records.New);
        Assert.Equal(4, await Harness.CountAsync("select count(*) from patients"));
        Assert.Equal(0, await Harness.CountAsync("select count(*) from observations o where not exists (select 1 from encounters e where e.source_id = o.encounter_source_id)"));
    }

    [Fact]
    public async Task IngestAsync_UnknownProvider_Throws()
    {
        var request = new IngestRequest("nobody", "test", []);

        var error = await Assert.ThrowsAsync<UnknownProviderException>(() => Harness.Service().IngestAsync(request, CancellationToken.None));

        Assert.Contains("nobody", error.Message);
    }
}
