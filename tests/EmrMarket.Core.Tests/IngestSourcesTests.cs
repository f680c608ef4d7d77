using EmrMarket.Core.Ingest;
using EmrMarket.Fhir;

namespace EmrMarket.Core.Tests;

public sealed class IngestSourcesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("emr-sources-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void FromPaths_Folder_OrdersBundlesThenNdjsonByReferenceOrderAndSkipsOtherFiles()
    {
        foreach (var name in new[] { "b.json", "a.json", "Observation.ndjson", "CarePlan.ndjson", "Patient.ndjson", "Encounter.ndjson", "LICENSE", "notes.txt" })
            File.WriteAllText(Path.Combine(_folder, name), "");

        var sources = IngestSources.FromPaths([_folder]);

        Assert.Equal(["a.json", "b.json", "Patient.ndjson", "Encounter.ndjson", "Observation.ndjson", "CarePlan.ndjson"], sources.Select(s => s.Name));
        Assert.Equal([FhirFormat.Bundle, FhirFormat.Bundle, FhirFormat.Ndjson, FhirFormat.Ndjson, FhirFormat.Ndjson, FhirFormat.Ndjson], sources.Select(s => s.Format));
    }

    [Fact]
    public void FromPaths_MissingPath_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => IngestSources.FromPaths([Path.Combine(_folder, "nope")]));
    }

    [Fact]
    public void Summary_Counts_AddUpAcceptedAndUnchangedFilesOnly()
    {
        var provider = new IngestProvider(Guid.NewGuid(), "p", "P");
        var summary = new IngestSummary(provider,
        [
            new("a", IngestOutcome.Accepted, new Dictionary<string, RecordCounts> { ["Observation"] = new(5, 1, 2) }, null),
            new("b", IngestOutcome.Unchanged, new Dictionary<string, RecordCounts> { ["Observation"] = new(0, 0, 3) }, null),
            new("c", IngestOutcome.Rejected, new Dictionary<string, RecordCounts>(), new IngestError("c", 4, FhirErrorCode.MissingPatient, "x")),
        ], null);

        Assert.Equal((1, 1, 1), (summary.Accepted, summary.Unchanged, summary.Rejected));
        Assert.Equal(new RecordCounts(5, 1, 5), summary.Records);
        Assert.Equal("c: entry 4: missing-patient: x", Assert.Single(summary.Errors).ToString());
    }
}
