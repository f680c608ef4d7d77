namespace EmrMarket.Fhir.Model;

/// <summary>FHIR R4 DiagnosticReport.</summary>
/// <param name="Status">DiagnosticReport.status.</param>
/// <param name="Category">The first DiagnosticReport.category code.</param>
/// <param name="Code">DiagnosticReport.code codings (LOINC).</param>
/// <param name="Effective">DiagnosticReport.effectiveDateTime or effectivePeriod.start.</param>
/// <param name="Issued">DiagnosticReport.issued.</param>
/// <param name="ResultCount">How many DiagnosticReport.result references it has.</param>
public sealed record DiagnosticReportFacts(
    string? Status, string? Category, IReadOnlyList<Coding> Code, FhirDateTime? Effective, FhirDateTime? Issued, int ResultCount) : ResourceFacts;
