using System.Security.Cryptography;
using EmrMarket.Core.Ingest;
using EmrMarket.Data.Encryption;
using EmrMarket.Fhir;
using EmrMarket.Fhir.Model;

namespace EmrMarket.Data.Ingest;

/// <summary>
/// Decides, before anything is written, what a file stores: each record new, a new version, or unchanged, by its
/// content hash against the current version (stored, or written earlier in the open transaction); its patients;
/// and whether every patient and stored reference it needs exists. A plan that fails leaves no trace, so one
/// file's problem never touches the others planned into the same transaction.
/// </summary>
internal sealed class UnitPlanner(DataKey providerKey, PatientKeys patients, MasterKeyRing ring)
{
    /// <summary>
    /// Plans <paramref name="entries"/> and, on success, records its writes in <paramref name="written"/> and its new
    /// patients as pending. Returns null, recording nothing, when the file changes a record that the open
    /// transaction has already written: it belongs in the next transaction.
    /// </summary>
    /// <exception cref="FhirException">A patient or a stored reference the file needs does not exist.</exception>
    public UnitPlan? Plan(string source, IReadOnlyList<FhirEntry> entries, IReadOnlyDictionary<ResourceKey, int> storeReferences,
        IReadOnlyDictionary<ResourceKey, StoredRecord> stored, Dictionary<ResourceKey, StoredRecord> written)
    {
        var plan = new UnitPlan();
        foreach (var entry in entries)
        {
            var resource = entry.Resource;
            if (written.TryGetValue(resource.Key, out var earlier))
            {
                if (earlier.Hash != resource.Hash) return null;
                plan.Count(resource.Key.Type, new RecordCounts(0, 0, 1));
            }
            else if (stored.TryGetValue(resource.Key, out var current))
            {
                if (current.Hash == resource.Hash)
                {
                    plan.Count(resource.Key.Type, new RecordCounts(0, 0, 1));
                    continue;
                }
                plan.Count(resource.Key.Type, new RecordCounts(0, 1, 0));
                plan.Records.Add(new PlannedRecord(entry, Guid.CreateVersion7(), current.Version + 1, current.Id));
            }
            else
            {
                plan.Count(resource.Key.Type, new RecordCounts(1, 0, 0));
                plan.Records.Add(new PlannedRecord(entry, Guid.CreateVersion7(), 1, null));
            }
        }
        try
        {
            PlanPatients(plan);
            AssignOwners(source, plan);
            VerifyStored(source, storeReferences, stored, written);
        }
        catch
        {
            foreach (var patient in plan.NewPatients) patient.Key.Dispose();
            throw;
        }
        foreach (var patient in plan.NewPatients) patients.AddPending(patient.SourceId, patient.Id, patient.Key);
        foreach (var record in plan.Records)
            written[record.Entry.Resource.Key] = new StoredRecord(record.RecordId, record.Version, record.Entry.Resource.Hash);
        return plan;
    }

    private void PlanPatients(UnitPlan plan)
    {
        foreach (var record in plan.Records)
        {
            if (record.Entry.Resource.Facts is not PatientFacts facts) continue;
            var sourceId = record.Entry.Resource.Key.Id;
            if (patients.TryGet(sourceId, out var patient))
            {
                plan.PatientUpdates.Add(new PatientUpdate(patient.Id, patient.Key, facts));
                continue;
            }
            var (key, material) = DataKey.Create();
            var wrapped = ring.Wrap(key.Id, material);
            CryptographicOperations.ZeroMemory(material);
            plan.NewPatients.Add(new NewPatient(Guid.CreateVersion7(), sourceId, key, wrapped, facts));
        }
    }

    private void AssignOwners(string source, UnitPlan plan)
    {
        foreach (var record in plan.Records)
        {
            if (record.PatientSourceId is not { } sourceId)
            {
                record.Owner = (null, providerKey);
            }
            else if (plan.NewPatients.Find(p => p.SourceId == sourceId) is { } created)
            {
                record.Owner = (created.Id, created.Key);
            }
            else if (patients.TryGet(sourceId, out var patient))
            {
                record.Owner = (patient.Id, patient.Key);
            }
            else
            {
                throw new FhirException(source, record.Entry.Index, FhirErrorCode.MissingPatient,
                    $"{record.Entry.Resource.Key}: its patient Patient/{sourceId} is neither in the file nor stored for this provider");
            }
        }
    }

    private static void VerifyStored(string source, IReadOnlyDictionary<ResourceKey, int> references,
        IReadOnlyDictionary<ResourceKey, StoredRecord> stored, Dictionary<ResourceKey, StoredRecord> written)
    {
        var missing = references.Where(r => !stored.ContainsKey(r.Key) && !written.ContainsKey(r.Key)).OrderBy(r => r.Value).ToList();
        if (missing.Count > 0)
            throw UnresolvedReference(source, missing[0].Key, missing[0].Value);
    }

    public static FhirException UnresolvedReference(string source, ResourceKey key, int entryIndex) =>
        new(source, entryIndex, FhirErrorCode.UnresolvedReference, $"reference {key} names a resource neither in the file nor stored for this provider");
}
