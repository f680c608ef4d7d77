namespace EmrMarket.Fhir.Model;

/// <summary>FHIR R4 AllergyIntolerance.</summary>
/// <param name="ClinicalStatus">AllergyIntolerance.clinicalStatus code.</param>
/// <param name="VerificationStatus">AllergyIntolerance.verificationStatus code.</param>
/// <param name="Type">AllergyIntolerance.type (allergy, intolerance).</param>
/// <param name="Category">The first AllergyIntolerance.category (food, medication, environment, biologic).</param>
/// <param name="Criticality">AllergyIntolerance.criticality.</param>
/// <param name="Code">AllergyIntolerance.code codings.</param>
/// <param name="Onset">AllergyIntolerance.onsetDateTime.</param>
/// <param name="Recorded">AllergyIntolerance.recordedDate.</param>
public sealed record AllergyIntoleranceFacts(
    string? ClinicalStatus, string? VerificationStatus, string? Type, string? Category, string? Criticality,
    IReadOnlyList<Coding> Code, FhirDateTime? Onset, FhirDateTime? Recorded) : ResourceFacts;
