namespace EmrMarket.Fhir.Model;

/// <summary>FHIR R4 Encounter: a visit or stay.</summary>
/// <param name="Status">Encounter.status.</param>
/// <param name="Class">Encounter.class (v3 ActCode: AMB, EMER, IMP…).</param>
/// <param name="Type">Encounter.type codings.</param>
/// <param name="Reason">Encounter.reasonCode codings.</param>
/// <param name="Start">Encounter.period.start.</param>
/// <param name="End">Encounter.period.end.</param>
public sealed record EncounterFacts(
    string? Status, Coding? Class, IReadOnlyList<Coding> Type, IReadOnlyList<Coding> Reason, FhirDateTime? Start, FhirDateTime? End) : ResourceFacts;
