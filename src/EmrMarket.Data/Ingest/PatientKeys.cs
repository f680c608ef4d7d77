using EmrMarket.Data.Encryption;

namespace EmrMarket.Data.Ingest;

/// <summary>
/// The patients (id and unwrapped data key) a session has met, by the provider's patient id. Patients created
/// in the open transaction are held apart until it commits, so a rolled-back transaction leaves none behind.
/// Bounded: the cache is dropped when it grows past <see cref="Capacity"/> and refilled from the database.
/// </summary>
internal sealed class PatientKeys(MasterKeyRing ring) : IDisposable
{
    private const int Capacity = 4096;
    private readonly Dictionary<string, (Guid Id, DataKey Key)> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Guid Id, DataKey Key)> _pending = new(StringComparer.Ordinal);

    public bool TryGet(string sourceId, out (Guid Id, DataKey Key) patient) =>
        _pending.TryGetValue(sourceId, out patient) || _committed.TryGetValue(sourceId, out patient);

    /// <summary>A patient created in the open transaction.</summary>
    public void AddPending(string sourceId, Guid id, DataKey key) => _pending[sourceId] = (id, key);

    /// <summary>A patient read from the database, with its wrapped data key.</summary>
    public void AddStored(string sourceId, Guid id, Guid keyId, string masterKeyId, byte[] wrapped)
    {
        if (TryGet(sourceId, out _)) return;
        _committed[sourceId] = (id, ring.Unwrap(keyId, masterKeyId, wrapped));
    }

    public void Commit()
    {
        if (_committed.Count + _pending.Count > Capacity) Clear(_committed);
        foreach (var (sourceId, patient) in _pending) _committed[sourceId] = patient;
        _pending.Clear();
    }

    public void Rollback() => Clear(_pending);

    public void Dispose()
    {
        Clear(_pending);
        Clear(_committed);
    }

    private static void Clear(Dictionary<string, (Guid Id, DataKey Key)> patients)
    {
        foreach (var (_, key) in patients.Values) key.Dispose();
        patients.Clear();
    }
}
