namespace EmrMarket.Fhir;

/// <summary>Tells the format of a file from its name.</summary>
public static class FhirFormats
{
    /// <summary>NDJSON for .ndjson and .jsonl files; a Bundle for .json; null for anything else.</summary>
    public static FhirFormat? FromFileName(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".ndjson" or ".jsonl" => FhirFormat.Ndjson,
        ".json" => FhirFormat.Bundle,
        _ => null,
    };
}
