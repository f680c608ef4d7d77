using System.Text;
using System.Text.Json.Nodes;

namespace EmrMarket.Fhir.Tests;

/// <summary>Small hand-made FHIR inputs for reader tests.</summary>
internal static class TestBundles
{
    public const string PatientUrl = "urn:uuid:11111111-1111-4111-8111-111111111111";
    public const string EncounterUrl = "urn:uuid:22222222-2222-4222-8222-222222222222";

    public static JsonObject Patient(string id = "11111111-1111-4111-8111-111111111111") => new()
    {
        ["resourceType"] = "Patient",
        ["id"] = id,
        ["name"] = new JsonArray(new JsonObject { ["family"] = "Testerson", ["given"] = new JsonArray("Tess") }),
        ["birthDate"] = "1970-04-02",
        ["gender"] = "female",
    };

    public static JsonObject Encounter(string subject = PatientUrl) => new()
    {
        ["resourceType"] = "Encounter",
        ["id"] = "22222222-2222-4222-8222-222222222222",
        ["status"] = "finished",
        ["subject"] = new JsonObject { ["reference"] = subject },
        ["period"] = new JsonObject { ["start"] = "2020-01-01T10:00:00+00:00", ["end"] = "2020-01-01T11:00:00+00:00" },
    };

    public static JsonObject Observation(string id, string subject = PatientUrl, double value = 5.4) => new()
    {
        ["resourceType"] = "Observation",
        ["id"] = id,
        ["status"] = "final",
        ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "4548-4", ["display"] = "Hemoglobin A1c" }) },
        ["subject"] = new JsonObject { ["reference"] = subject },
        ["encounter"] = new JsonObject { ["reference"] = EncounterUrl },
        ["effectiveDateTime"] = "2020-01-01T10:30:00+00:00",
        ["valueQuantity"] = new JsonObject { ["value"] = value, ["unit"] = "%", ["system"] = "http://unitsofmeasure.org", ["code"] = "%" },
    };

    public static JsonObject Entry(JsonObject resource, string? fullUrl = null) => new()
    {
        ["fullUrl"] = fullUrl ?? $"urn:uuid:{resource["id"]}",
        ["resource"] = resource,
        ["request"] = new JsonObject { ["method"] = "POST", ["url"] = resource["resourceType"]!.GetValue<string>() },
    };

    public static JsonObject Bundle(params JsonObject[] entries) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "transaction",
        ["entry"] = new JsonArray(entries.Select(e => (JsonNode)e).ToArray()),
    };

    public static JsonObject Standard() => Bundle(
        Entry(Patient()),
        Entry(Encounter()),
        Entry(Observation("33333333-3333-4333-8333-333333333333")));

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static async Task<List<FhirEntry>> ReadAsync(byte[] bytes, FhirFormat format = FhirFormat.Bundle, FhirReaderOptions? options = null)
    {
        var reader = new FhirUnitReader(new MemoryStream(bytes), "test.json", format, options);
        var entries = new List<FhirEntry>();
        await foreach (var entry in reader.ReadAsync()) entries.Add(entry);
        return entries;
    }
}
