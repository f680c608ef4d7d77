using EmrMarket.Data.Encryption;
using EmrMarket.Fhir;
using EmrMarket.Fhir.Model;

namespace EmrMarket.Data.Ingest;

/// <summary>A record version to write, and the patient (or provider) whose key encrypts it once known.</summary>
internal sealed class PlannedRecord(FhirEntry entry, Guid recordId, int version, Guid? supersedes)
{
    public FhirEntry Entry { get; } = entry;
    public Guid RecordId { get; } = recordId;
    public int Version { get; } = version;
    public Guid? Supersedes { get; } = supersedes;
    public (Guid? PatientId, DataKey Key) Owner { get; set; }

    public string? PatientSourceId => PatientOf(Entry);

    /// <summary>The provider's id of the patient an entry belongs to: a Patient's own, or its subject's.</summary>
    public static string? PatientOf(FhirEntry entry) => entry.Resource.Facts is PatientFacts ? entry.Resource.Key.Id : entry.Patient?.Target.Id;
}
