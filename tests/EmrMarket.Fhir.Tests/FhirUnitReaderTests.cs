using System.Text;
using System.Text.Json.Nodes;
using EmrMarket.Fhir.Model;
using static EmrMarket.Fhir.Tests.TestBundles;

namespace EmrMarket.Fhir.Tests;

public sealed class FhirUnitReaderTests
{
    [Fact]
    public async Task ReadAsync_TransactionBundle_ResolvesUrnReferencesToPatientAndEncounter()
    {
        var entries = await ReadAsync(Bytes(Standard()));

        Assert.Equal(["Patient", "Encounter", "Observation"], entries.Select(e => e.Resource.Key.Type));
        var observation = entries[2];
        Assert.Equal(new ResolvedReference(new ResourceKey("Patient", "11111111-1111-4111-8111-111111111111"), true), observation.Patient);
        Assert.Equal(new ResourceKey("Encounter", "22222222-2222-4222-8222-222222222222"), observation.Encounter!.Target);
        var facts = Assert.IsType<ObservationFacts>(observation.Resource.Facts);
        Assert.Equal(5.4, facts.Value.Quantity!.Value);
        Assert.Equal("4548-4", facts.Code[0].Code);
    }

    [Theory]
    [InlineData("batch")]
    [InlineData("collection")]
    public async Task ReadAsync_OtherSupportedBundleTypes_AreRead(string type)
    {
        var bundle = Standard();
        bundle["type"] = type;

        Assert.Equal(3, (await ReadAsync(Bytes(bundle))).Count);
    }

    [Fact]
    public async Task ReadAsync_PatientAfterItsResources_HoldsThemUntilItArrives()
    {
        var bundle = Bundle(Entry(Observation("33333333-3333-4333-8333-333333333333")), Entry(Encounter()), Entry(Patient()));

        var entries = await ReadAsync(Bytes(bundle));

        Assert.Equal(["Patient", "Observation", "Encounter"], entries.Select(e => e.Resource.Key.Type));
        Assert.True(entries[1].Patient!.InUnit);
        Assert.Equal(0, entries[1].Index);
    }

    [Fact]
    public async Task ReadAsync_RelativeReferenceToResourceNotInBundle_IsAStoreReference()
    {
        var bundle = Bundle(Entry(Observation("33333333-3333-4333-8333-333333333333", subject: "Patient/p-1")), Entry(Encounter(subject: "Patient/p-1")));
        var reader = new FhirUnitReader(new MemoryStream(Bytes(bundle)), "update.json", FhirFormat.Bundle);

        var entries = new List<FhirEntry>();
        await foreach (var entry in reader.ReadAsync()) entries.Add(entry);

        var observation = entries.Single(e => e.Resource.Key.Type == "Observation");
        Assert.Equal(new ResolvedReference(new ResourceKey("Patient", "p-1"), false), observation.Patient);
        Assert.Equal(0, reader.StoreReferences[new ResourceKey("Patient", "p-1")]);
    }

    [Fact]
    public async Task ReadAsync_Ndjson_ReadsOneResourcePerLine()
    {
        var lines = string.Join("\n",
            Patient("p-1").ToJsonString(),
            "",
            WithoutEncounter(Observation("o-1", subject: "Patient/p-1")).ToJsonString(),
            WithoutEncounter(Observation("o-2", subject: "Patient/p-2")).ToJsonString() + "\r");
        var reader = new FhirUnitReader(new MemoryStream(Encoding.UTF8.GetBytes(lines)), "Observation.ndjson", FhirFormat.Ndjson);

        var entries = new List<FhirEntry>();
        await foreach (var entry in reader.ReadAsync()) entries.Add(entry);

        Assert.Equal([1, 3, 4], entries.Select(e => e.Index));
        Assert.True(entries[1].Patient!.InUnit);
        Assert.False(entries[2].Patient!.InUnit);
        Assert.Contains(new ResourceKey("Patient", "p-2"), reader.StoreReferences.Keys);
    }

    private static JsonObject WithoutEncounter(JsonObject resource)
    {
        resource.Remove("encounter");
        return resource;
    }

    [Fact]
    public async Task ReadAsync_TinyBuffer_GivesTheSameResultAsALargeOne()
    {
        var bundle = Standard();
        bundle["meta"] = new JsonObject { ["lastUpdated"] = "2020-01-01T00:00:00Z" };
        var bytes = Bytes(bundle);

        var small = await ReadAsync(bytes, options: new FhirReaderOptions { BufferBytes = 16 });
        var large = await ReadAsync(bytes);

        Assert.Equal(large.Select(e => e.Resource.Hash), small.Select(e => e.Resource.Hash));
    }

    [Fact]
    public async Task ReadAsync_LargeBundle_KeepsTheBufferNearOneEntry()
    {
        var entries = new List<JsonObject> { Entry(Patient()), Entry(Encounter()) };
        for (var i = 0; i < 20_000; i++) entries.Add(Entry(Observation($"obs-{i}")));
        var bytes = Bytes(Bundle([.. entries]));
        var reader = new FhirUnitReader(new MemoryStream(bytes), "big.json", FhirFormat.Bundle, new FhirReaderOptions { BufferBytes = 4096 });

        var count = 0;
        await foreach (var _ in reader.ReadAsync()) count++;

        Assert.Equal(20_002, count);
        Assert.True(bytes.Length > 10_000_000, $"input is {bytes.Length} bytes");
        Assert.True(reader.PeakBufferBytes <= 8192, $"buffer grew to {reader.PeakBufferBytes} bytes");
    }

    [Fact]
    public async Task ReadAsync_IdenticalDuplicate_IsSkipped()
    {
        var observation = Observation("33333333-3333-4333-8333-333333333333");
        var bundle = Bundle(Entry(Patient()), Entry(Encounter()), Entry(observation), Entry(observation.DeepClone().AsObject()));

        Assert.Equal(3, (await ReadAsync(Bytes(bundle))).Count);
    }

    [Fact]
    public async Task ReadAsync_Utf8Bom_IsIgnored()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Bytes(Standard())];

        Assert.Equal(3, (await ReadAsync(bytes)).Count);
    }

    [Fact]
    public async Task ReadAsync_ResourceWithoutIdInTransaction_TakesItsUrnUuid()
    {
        var patient = Patient();
        patient.Remove("id");
        var bundle = Bundle(Entry(patient, PatientUrl));

        var entry = Assert.Single(await ReadAsync(Bytes(bundle)));
        Assert.Equal("11111111-1111-4111-8111-111111111111", entry.Resource.Key.Id);
    }

    [Fact]
    public async Task ReadAsync_PatientFacts_SplitsQuasiIdentifiersFromDirectIdentifiers()
    {
        var patient = Patient();
        patient["address"] = new JsonArray(new JsonObject { ["use"] = "home", ["line"] = new JsonArray("1 Main St"), ["city"] = "Springfield", ["state"] = "MA", ["postalCode"] = "01103", ["country"] = "US" });
        patient["identifier"] = new JsonArray(
            new JsonObject { ["type"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v2-0203", ["code"] = "MR" }) }, ["value"] = "MRN-1" },
            new JsonObject { ["system"] = "http://hl7.org/fhir/sid/us-ssn", ["value"] = "999-12-3456" });

        var facts = Assert.IsType<PatientFacts>(Assert.Single(await ReadAsync(Bytes(Bundle(Entry(patient))))).Resource.Facts);

        Assert.Equal(new PatientDemographics("female", 1970, null, null, null, null, null, null, null, "MA", "011"), facts.Demographics);
        Assert.Equal("1970-04-02", facts.Identifiers.BirthDate);
        Assert.Equal([IdentifierKind.MedicalRecordNumber, IdentifierKind.SocialSecurityNumber], facts.Identifiers.Identifiers.Select(i => i.Kind));
        Assert.Equal("Testerson", facts.Identifiers.Names[0].Family);
    }
}
