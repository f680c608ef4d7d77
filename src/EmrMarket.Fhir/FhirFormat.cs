namespace EmrMarket.Fhir;

/// <summary>How a file holds FHIR resources.</summary>
public enum FhirFormat
{
    /// <summary>One Bundle resource (FHIR R4 §2.36) in JSON.</summary>
    Bundle,

    /// <summary>Newline-delimited JSON, one resource per line (FHIR Bulk Data Access IG, export output files).</summary>
    Ndjson,
}
