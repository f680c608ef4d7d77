namespace EmrMarket.Fhir.Internal;

/// <summary>An entry read and canonicalised, before its references are resolved against the rest of the unit.</summary>
internal sealed record ParsedEntry(
    int Index,
    string? FullUrl,
    FhirResource Resource,
    IReadOnlyList<string> References,
    string? PatientReference,
    string? EncounterReference,
    IReadOnlySet<string> ContainedIds);
