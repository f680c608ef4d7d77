using System.Text;
using System.Text.Json;
using Dapper;
using EmrMarket.Core.Ingest;
using EmrMarket.Fhir.Canonical;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests;

/// <summary>The corpus (the real Synthea bundles, or generated ones without them) ingested once, then checked.</summary>
public sealed class CorpusIngestTests(CorpusIngestTests.Fixture fixture) : IClassFixture<CorpusIngestTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public IngestHarness Harness { get; } = new();
        public IngestSummary Summary { get; private set; } = null!;
        public IReadOnlyList<string> Files { get; private set; } = [];

        public async Task InitializeAsync()
        {
            await Harness.InitializeAsync();
            Files = await FhirCorpus.FilesAsync();
            Summary = await Harness.IngestAsync(await FhirCorpus.FolderAsync());
        }

        public Task DisposeAsync() => Harness.DisposeAsync();
    }

    private IngestHarness Harness => fixture.Harness;

    /// <summary>Distinct (type, id) per resource type, by a plain walk over the JSON with no code of ours.</summary>
    private static Dictionary<string, int> IndependentCounts(IEnumerable<string> files)
    {
        var seen = new HashSet<(string Type, string Id)>();
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
            {
                var resource = entry.GetProperty("resource");
                seen.Add((resource.GetProperty("resourceType").GetString()!, resource.GetProperty("id").GetString()!));
            }
        }
        return seen.GroupBy(k => k.Type).ToDictionary(g => g.Key, g => g.Count());
    }

    [Fact]
    public async Task IngestAsync_Corpus_StoresEveryResourceOfEveryType()
    {
        var expected = IndependentCounts(fixture.Files);
        Assert.True(expected["Patient"] == fixture.Files.Count, FhirCorpus.IsSynthea ? "Synthea corpus" : "generated corpus");

        Assert.Equal(fixture.Files.Count, fixture.Summary.Accepted);
        Assert.Empty(fixture.Summary.Errors);
        await using var connection = await Harness.DataSource.OpenConnectionAsync();
        var stored = (await connection.QueryAsync<(string Type, long Count)>("select resource_type, count(*) from records where current group by resource_type"))
            .ToDictionary(r => r.Type, r => (int)r.Count);
        Assert.Equal(expected.OrderBy(kv => kv.Key), stored.OrderBy(kv => kv.Key));
    }

    [Theory]
    [InlineData("Patient", "patients")]
    [InlineData("Encounter", "encounters")]
    [InlineData("Condition", "conditions")]
    [InlineData("Observation", "observations")]
    [InlineData("MedicationRequest", "medication_requests")]
    [InlineData("Procedure", "procedures")]
    [InlineData("Immunization", "immunizations")]
    [InlineData("AllergyIntolerance", "allergy_intolerances")]
    [InlineData("DiagnosticReport", "diagnostic_reports")]
    [InlineData("CarePlan", "care_plans")]
    public async Task IngestAsync_Corpus_FillsEachTypedTable(string type, string table)
    {
        var expected = IndependentCounts(fixture.Files).GetValueOrDefault(type);

        Assert.True(expected > 0, $"the corpus has no {type}");
        Assert.Equal(expected, await Harness.CountAsync($"select count(*) from {table}"));
    }

    [Fact]
    public async Task IngestAsync_Corpus_KeepsObservationValuesQueryable()
    {
        var components = 0;
        var quantities = 0;
        foreach (var file in fixture.Files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
            {
                var r = entry.GetProperty("resource");
                if (r.GetProperty("resourceType").GetString() != "Observation") continue;
                if (r.TryGetProperty("component", out var c)) components += c.GetArrayLength();
                if (r.TryGetProperty("valueQuantity", out var q) && q.TryGetProperty("value", out _)) quantities++;
            }
        }

        Assert.Equal(components, await Harness.CountAsync("select count(*) from observation_components"));
        Assert.Equal(quantities, await Harness.CountAsync("select count(*) from observations where value_kind = 'quantity' and value_number is not null"));
        Assert.True(await Harness.CountAsync("select count(*) from observations where code_system = 'http://loinc.org' and value_unit is not null") > 0);
    }

    [Fact]
    public async Task FindAsync_EveryIngestedPatient_DecryptsToTheSource()
    {
        foreach (var file in fixture.Files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var source = document.RootElement.GetProperty("entry").EnumerateArray()
                .Select(e => e.GetProperty("resource"))
                .Single(r => r.GetProperty("resourceType").GetString() == "Patient");

            var patient = await Harness.Patients().FindAsync(Harness.Provider.Id, source.GetProperty("id").GetString()!, CancellationToken.None);

            Assert.NotNull(patient);
            Assert.Equal(CanonicalJson.Canonicalize(source), patient.Resource);
            Assert.Equal(source.GetProperty("birthDate").GetString(), patient.Identifiers.BirthDate);
            var names = source.GetProperty("name").EnumerateArray().ToList();
            Assert.Equal(names.Select(n => n.GetProperty("family").GetString()), patient.Identifiers.Names.Select(n => n.Family));
            Assert.Equal(names.Select(n => string.Join(' ', n.GetProperty("given").EnumerateArray().Select(g => g.GetString()))),
                patient.Identifiers.Names.Select(n => string.Join(' ', n.Given)));
            Assert.Equal(source.GetProperty("identifier").EnumerateArray().Select(i => i.GetProperty("value").GetString()),
                patient.Identifiers.Identifiers.Select(i => i.Value));
            Assert.Equal(source.GetProperty("address").EnumerateArray().Select(a => a.GetProperty("line")[0].GetString()),
                patient.Identifiers.Addresses.Select(a => a.Lines[0]));
            Assert.Equal(source.GetProperty("telecom").EnumerateArray().Select(t => t.GetProperty("value").GetString()),
                patient.Identifiers.Telecom.Select(t => t.Value));
        }
    }

    [Fact]
    public async Task RawTableBytes_AfterIngest_HoldNoPlaintextNameOrMrn()
    {
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in fixture.Files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var patient = document.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource"))
                .Single(r => r.GetProperty("resourceType").GetString() == "Patient");
            foreach (var name in patient.GetProperty("name").EnumerateArray()) secrets.Add(name.GetProperty("family").GetString()!);
            foreach (var identifier in patient.GetProperty("identifier").EnumerateArray())
            {
                var isMrn = identifier.TryGetProperty("type", out var type) && type.GetRawText().Contains("\"MR\"", StringComparison.Ordinal);
                if (isMrn) secrets.Add(identifier.GetProperty("value").GetString()!);
            }
            secrets.Add(patient.GetProperty("telecom")[0].GetProperty("value").GetString()!);
        }
        secrets.RemoveWhere(s => s.Length < 4);

        await using var connection = await Harness.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(new CommandDefinition("checkpoint", commandType: System.Data.CommandType.Text));
        var tables = new[] { "patients", "records", "data_keys", "providers", "ingest_batches", "encounters", "conditions", "observations", "audit_log" };
        var files = new List<string>();
        foreach (var table in tables)
        {
            files.Add(await connection.ExecuteScalarAsync<string>("select pg_relation_filepath(@table::regclass)", new { table }) ?? "");
            var toast = await connection.ExecuteScalarAsync<string?>(
                "select pg_relation_filepath(reltoastrelid) from pg_class where oid = @table::regclass and reltoastrelid <> 0", new { table });
            if (toast is not null) files.Add(toast);
        }
        var raw = new List<byte>();
        foreach (var file in files.Where(f => f.Length > 0))
            raw.AddRange(await connection.ExecuteScalarAsync<byte[]>("select pg_read_binary_file(@file)", new { file }) ?? []);
        var text = new StringBuilder();
        foreach (var table in tables)
            text.AppendJoin('\n', await connection.QueryAsync<string>($"select t::text from {table} t"));

        Assert.True(raw.Count > 100_000, $"read only {raw.Count} bytes of table files");
        var bytes = raw.ToArray();
        foreach (var secret in secrets)
        {
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"a plaintext name, MRN or phone number is in the table files ({secret.Length} characters)");
            Assert.DoesNotContain(secret, text.ToString());
        }
    }

    [Fact]
    public async Task Batch_AfterIngest_IsClosedPendingWithLeavesInOrder()
    {
        var batch = fixture.Summary.Batch!;
        var batches = new Ingest.IngestBatchRepository(Harness.DataSource);

        var leaves = await batches.LeafHashesAsync(batch.Id, CancellationToken.None);

        Assert.Equal(fixture.Summary.Records.Written, batch.RecordCount);
        Assert.Equal(batch.RecordCount * 32, leaves.Length);
        Assert.Equal("pending", (await Harness.CountAsync("select count(*) from ingest_batches where anchor_status = 'pending'")) == 1 ? "pending" : "not pending");
        Assert.Equal([batch], await batches.PendingAsync(CancellationToken.None), new BatchIdComparer());
        await using var connection = await Harness.DataSource.OpenConnectionAsync();
        var recordId = await connection.ExecuteScalarAsync<Guid>("select id from records where batch_id = @Id and leaf_index = 7", new { batch.Id });
        var leaf = await batches.FindLeafAsync(recordId, CancellationToken.None);
        var payload = await Harness.Patients().ReadPayloadAsync(recordId, CancellationToken.None);
        Assert.Equal(7, leaf!.LeafIndex);
        Assert.Equal(ContentHash.FromBytes(leaves.AsSpan(7 * 32, 32)), leaf.Hash);
        Assert.Equal(ContentHash.Of(payload), leaf.Hash);
    }

    private sealed class BatchIdComparer : IEqualityComparer<IngestBatch>
    {
        public bool Equals(IngestBatch? x, IngestBatch? y) => x?.Id == y?.Id && x?.RecordCount == y?.RecordCount;

        public int GetHashCode(IngestBatch obj) => obj.Id.GetHashCode();
    }
}
