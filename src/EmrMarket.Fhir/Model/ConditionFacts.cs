namespace EmrMarket.Fhir.Model;

/// <summary>FHIR R4 Condition: a problem or diagnosis.</summary>
/// <param name="ClinicalStatus">Condition.clinicalStatus code (active, resolved…).</param>
/// <param name="VerificationStatus">Condition.verificationStatus code.</param>
/// <param name="Category">The first Condition.category code.</param>
/// <param name="Code">Condition.code codings (SNOMED CT, ICD-10-CM).</param>
/// <param name="Onset">Condition.onsetDateTime or onsetPeriod.start.</param>
/// <param name="Abatement">Condition.abatementDateTime or abatementPeriod.start.</param>
/// <param name="Recorded">Condition.recordedDate.</param>
public sealed record ConditionFacts(
    string? ClinicalStatus, string? VerificationStatus, string? Category, IReadOnlyList<Coding> Code,
    FhirDateTime? Onset, FhirDateTime? Abatement, FhirDateTime? Recorded) : ResourceFacts;
