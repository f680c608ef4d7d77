namespace EmrMarket.Fhir.Model;

/// <summary>One component of an observation, e.g. the systolic part of a blood pressure (FHIR R4 Observation.component).</summary>
/// <param name="Code">The component's codings (component.code).</param>
/// <param name="Value">The component's value (component.value[x]).</param>
public sealed record ObservationComponent(IReadOnlyList<Coding> Code, ObservationValue Value);
