namespace EmrMarket.Fhir.Model;

/// <summary>FHIR R4 Immunization.</summary>
/// <param name="Status">Immunization.status.</param>
/// <param name="VaccineCode">Immunization.vaccineCode codings (CVX).</param>
/// <param name="Occurrence">Immunization.occurrenceDateTime.</param>
public sealed record ImmunizationFacts(string? Status, IReadOnlyList<Coding> VaccineCode, FhirDateTime? Occurrence) : ResourceFacts;
