namespace EmrMarket.Fhir.Model;

/// <summary>FHIR R4 Observation: a measurement, lab result, vital sign or assessment.</summary>
/// <param name="Status">Observation.status.</param>
/// <param name="Category">The first Observation.category code (vital-signs, laboratory, survey…).</param>
/// <param name="Code">Observation.code codings, usually LOINC.</param>
/// <param name="Effective">Observation.effectiveDateTime, effectiveInstant or effectivePeriod.start.</param>
/// <param name="Issued">Observation.issued.</param>
/// <param name="Value">Observation.value[x].</param>
/// <param name="Components">Observation.component.</param>
public sealed record ObservationFacts(
    string? Status, string? Category, IReadOnlyList<Coding> Code, FhirDateTime? Effective, FhirDateTime? Issued,
    ObservationValue Value, IReadOnlyList<ObservationComponent> Components) : ResourceFacts;
