using EmrMarket.Fhir.Model;

namespace EmrMarket.Fhir;

/// <summary>A resource from a Bundle entry or an NDJSON line, with the references the store needs resolved.</summary>
/// <param name="Index">The 0-based Bundle.entry index, or the 1-based NDJSON line number.</param>
/// <param name="Resource">The resource.</param>
/// <param name="Patient">The patient the resource belongs to (its subject or patient); null for a Patient and
/// for resources about no patient (Organization, Practitioner…).</param>
/// <param name="Encounter">The Encounter it was recorded in, when it names one.</param>
public sealed record FhirEntry(int Index, FhirResource Resource, ResolvedReference? Patient, ResolvedReference? Encounter);
