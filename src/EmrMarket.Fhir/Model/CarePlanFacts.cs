namespace EmrMarket.Fhir.Model;

/// <summary>FHIR R4 CarePlan.</summary>
/// <param name="Status">CarePlan.status.</param>
/// <param name="Intent">CarePlan.intent.</param>
/// <param name="Category">CarePlan.category codings.</param>
/// <param name="Start">CarePlan.period.start.</param>
/// <param name="End">CarePlan.period.end.</param>
/// <param name="Activities">CarePlan.activity.detail.code codings, one per activity that has one.</param>
public sealed record CarePlanFacts(
    string? Status, string? Intent, IReadOnlyList<Coding> Category, FhirDateTime? Start, FhirDateTime? End, IReadOnlyList<Coding> Activities) : ResourceFacts;
