namespace EmrMarket.Fhir.Model;

/// <summary>FHIR R4 Patient, split into what may be stored in the clear and what must be encrypted.</summary>
/// <param name="Demographics">The quasi-identifiers.</param>
/// <param name="Identifiers">The direct identifiers.</param>
public sealed record PatientFacts(PatientDemographics Demographics, DirectIdentifiers Identifiers) : ResourceFacts;
