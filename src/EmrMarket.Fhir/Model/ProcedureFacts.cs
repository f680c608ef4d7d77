namespace EmrMarket.Fhir.Model;

/// <summary>FHIR R4 Procedure.</summary>
/// <param name="Status">Procedure.status.</param>
/// <param name="Code">Procedure.code codings (SNOMED CT).</param>
/// <param name="Start">Procedure.performedDateTime or performedPeriod.start.</param>
/// <param name="End">Procedure.performedPeriod.end.</param>
public sealed record ProcedureFacts(string? Status, IReadOnlyList<Coding> Code, FhirDateTime? Start, FhirDateTime? End) : ResourceFacts;
