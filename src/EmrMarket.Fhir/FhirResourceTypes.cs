namespace EmrMarket.Fhir;

/// <summary>The resource types the reader accepts (FHIR R4 resource list, hl7.org/fhir/R4/resourcelist.html).</summary>
public static class FhirResourceTypes
{
    /// <summary>Types read into typed facts (<see cref="Model.ResourceFacts"/>) for cohort building.</summary>
    public static IReadOnlySet<string> Clinical { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Patient", "Encounter", "Condition", "Observation", "MedicationRequest", "Procedure", "Immunization",
        "AllergyIntolerance", "DiagnosticReport", "CarePlan",
    };

    /// <summary>
    /// Types kept as canonical JSON only (hashed, anchored and encrypted like the rest, but without typed
    /// facts): what EHR exports and Synthea put beside the clinical record.
    /// </summary>
    public static IReadOnlySet<string> Kept { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Organization", "Practitioner", "PractitionerRole", "Location", "CareTeam", "Goal", "Claim",
        "ExplanationOfBenefit", "Coverage", "ImagingStudy", "Medication", "MedicationAdministration",
        "MedicationStatement", "Device", "DocumentReference", "Provenance", "SupplyDelivery", "ServiceRequest", "Consent",
    };

    /// <summary>True for a type in <see cref="Clinical"/> or <see cref="Kept"/>.</summary>
    public static bool IsSupported(string type) => Clinical.Contains(type) || Kept.Contains(type);
}
