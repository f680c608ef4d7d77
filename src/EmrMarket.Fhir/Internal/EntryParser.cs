using System.Text.Json;
using EmrMarket.Fhir.Canonical;
using EmrMarket.Fhir.Model;

namespace EmrMarket.Fhir.Internal;

/// <summary>Turns the bytes of one Bundle entry or NDJSON line into a <see cref="ParsedEntry"/>.</summary>
internal sealed class EntryParser(string source)
{
    private static readonly HashSet<string> SubjectTypes =
        ["Encounter", "Condition", "Observation", "MedicationRequest", "Procedure", "DiagnosticReport", "CarePlan"];

    /// <summary>Parses a Bundle.entry object (FHIR R4 Bundle.entry: fullUrl, resource, request).</summary>
    public ParsedEntry ParseBundleEntry(int index, ReadOnlyMemory<byte> bytes)
    {
        using var document = Open(index, bytes);
        var entry = document.RootElement;
        try
        {
            var fullUrl = Json.Str(entry, "fullUrl");
            if (Json.Object(entry, "request") is { } request && Json.Str(request, "method") is { } method && method is not ("POST" or "PUT"))
                throw Error(index, FhirErrorCode.UnsupportedRequest, $"request method {method} is not supported: ingest only creates or updates records (POST, PUT)");
            if (Json.Object(entry, "resource") is not { } resource)
                throw Error(index, FhirErrorCode.MalformedResource, "the entry has no resource");
            return ParseResource(index, fullUrl, resource);
        }
        catch (ElementException e)
        {
            throw Error(index, FhirErrorCode.MalformedResource, e.Message);
        }
    }

    /// <summary>Parses one NDJSON line, which is a resource.</summary>
    public ParsedEntry ParseResource(int index, ReadOnlyMemory<byte> bytes)
    {
        using var document = Open(index, bytes);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw Error(index, FhirErrorCode.MalformedResource, "the line is not a JSON object");
        return ParseResource(index, null, document.RootElement);
    }

    private ParsedEntry ParseResource(int index, string? fullUrl, JsonElement resource)
    {
        string? type;
        try
        {
            type = Json.Str(resource, "resourceType");
        }
        catch (ElementException e)
        {
            throw Error(index, FhirErrorCode.MalformedResource, e.Message);
        }
        if (type is null) throw Error(index, FhirErrorCode.MalformedResource, "the resource has no resourceType");
        if (!FhirResourceTypes.IsSupported(type))
            throw Error(index, FhirErrorCode.UnsupportedResourceType, $"resource type {Printable(type)} is not supported (docs/fhir.md lists the supported types)");

        var id = IdOf(index, type, fullUrl, resource);
        byte[] canonical;
        ResourceFacts? facts;
        try
        {
            canonical = CanonicalJson.Canonicalize(resource);
            facts = ClinicalFactsReader.Read(type, resource);
        }
        catch (CanonicalJsonException e)
        {
            throw Error(index, FhirErrorCode.MalformedJson, e.Message);
        }
        catch (ElementException e)
        {
            throw Error(index, FhirErrorCode.InvalidValue, $"{type}/{id}: {e.Message}");
        }

        var references = new List<string>();
        var contained = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Json.Array(resource, "contained"))
        {
            if (Json.Str(item, "id") is { } containedId) contained.Add(containedId);
        }
        CollectReferences(resource, references);
        var patient = type == "Patient" ? null : TopLevelReference(resource, "subject") ?? TopLevelReference(resource, "patient");
        if (patient is null && (SubjectTypes.Contains(type) || type is "Immunization" or "AllergyIntolerance"))
            throw Error(index, FhirErrorCode.MissingPatient, $"{type}/{id} names no patient (its {(SubjectTypes.Contains(type) ? "subject" : "patient")} has no reference)");
        var resourceRecord = new FhirResource(new ResourceKey(type, id), canonical, ContentHash.Of(canonical), facts);
        return new ParsedEntry(index, fullUrl, resourceRecord, references, patient, TopLevelReference(resource, "encounter"), contained);
    }

    private string IdOf(int index, string type, string? fullUrl, JsonElement resource)
    {
        var id = Json.Str(resource, "id");
        if (id is not null)
        {
            if (!IsFhirId(id)) throw Error(index, FhirErrorCode.MalformedResource, $"{type}.id is not a FHIR id (1-64 of A-Z a-z 0-9 - .)");
            return id;
        }
        // A transaction may POST a resource without an id; its urn:uuid fullUrl then stands for it.
        if (fullUrl is not null && fullUrl.StartsWith("urn:uuid:", StringComparison.Ordinal) && IsFhirId(fullUrl[9..])) return fullUrl[9..];
        throw Error(index, FhirErrorCode.MissingId, $"the {type} has no id and no urn:uuid fullUrl");
    }

    private static bool IsFhirId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    private static string? TopLevelReference(JsonElement resource, string name) =>
        Json.Object(resource, name) is { } reference ? Json.Str(reference, "reference") : null;

    /// <summary>Every Reference.reference anywhere in the resource, contained resources included.</summary>
    private static void CollectReferences(JsonElement element, List<string> references)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && property.NameEquals("reference"))
                        references.Add(property.Value.GetString()!);
                    else if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                        CollectReferences(property.Value, references);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) CollectReferences(item, references);
                break;
        }
    }

    private JsonDocument Open(int index, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes, CanonicalJson.DocumentOptions);
        }
        catch (JsonException e)
        {
            throw Error(index, FhirErrorCode.MalformedJson, e.Message);
        }
    }

    /// <summary>Names from the input are cut short and stripped of control characters before they reach a message.</summary>
    internal static string Printable(string text)
    {
        var clean = new string(text.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > 64 ? clean + "…" : clean;
    }

    internal FhirException Error(int index, FhirErrorCode code, string detail) => new(source, index, code, detail);
}
