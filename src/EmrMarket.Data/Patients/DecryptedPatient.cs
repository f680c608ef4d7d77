using EmrMarket.Fhir.Model;

namespace EmrMarket.Data.Patients;

/// <summary>A patient with their direct identifiers decrypted, and the Patient resource's canonical JSON.</summary>
public sealed record DecryptedPatient(Guid Id, string SourceId, DirectIdentifiers Identifiers, byte[] Resource);
