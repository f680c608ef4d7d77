namespace EmrMarket.Fhir.Model;

/// <summary>FHIR R4 MedicationRequest: a prescription.</summary>
/// <param name="Status">MedicationRequest.status.</param>
/// <param name="Intent">MedicationRequest.intent.</param>
/// <param name="Medication">MedicationRequest.medicationCodeableConcept codings (RxNorm); empty for medicationReference.</param>
/// <param name="AuthoredOn">MedicationRequest.authoredOn.</param>
public sealed record MedicationRequestFacts(string? Status, string? Intent, IReadOnlyList<Coding> Medication, FhirDateTime? AuthoredOn) : ResourceFacts;
