namespace EmrMarket.Core.Patients;

/// <summary>Patient accounts and the records linked to them.</summary>
public interface IPatientDirectory
{
    /// <summary>Links a provider's patient record to an account; false if it is already linked to another account.</summary>
    Task<bool> LinkAsync(Guid patientId, Guid accountId, CancellationToken cancellationToken);

    /// <summary>A provider's patient record ids in a stable order (by the provider's own id).</summary>
    Task<IReadOnlyList<Guid>> ListPatientsAsync(string providerCode, int limit, CancellationToken cancellationToken);

    /// <summary>The patient record ids linked to an account.</summary>
    Task<IReadOnlyList<Guid>> PatientIdsAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>What is held about the account's patients; the name is decrypted only here, for the patient.</summary>
    Task<PatientHoldings> HoldingsAsync(Guid accountId, CancellationToken cancellationToken);
}
