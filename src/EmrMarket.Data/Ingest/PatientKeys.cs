using Dapper;
using EmrMarket.Data.Encryption;
using Npgsql;

namespace EmrMarket.Data.Ingest;

/// <summary>
/// The patients (id and unwrapped data key) a session has met, by the provider's patient id. Patients created
/// in the current file are held apart until it commits, so a rolled-back file leaves none behind. Bounded: the
/// cache is dropped when it grows past <see cref="Capacity"/> and refilled from the database.
/// </summary>
internal sealed class PatientKeys(NpgsqlConnection connection, Guid providerId, MasterKeyRing ring) : IDisposable
{
    private const int Capacity = 20_000;
    private readonly Dictionary<string, (Guid Id, DataKey Key)> _committed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Guid Id, DataKey Key)> _unit = new(StringComparer.Ordinal);

    public bool TryGet(string sourceId, out (Guid Id, DataKey Key) patient) =>
        _unit.TryGetValue(sourceId, out patient) || _committed.TryGetValue(sourceId, out patient);

    public void AddNew(string sourceId, Guid id, DataKey key) => _unit[sourceId] = (id, key);

    /// <summary>Loads the stored patients among <paramref name="sourceIds"/> that are not cached yet.</summary>
    public async Task LoadAsync(IEnumerable<string> sourceIds, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var missing = sourceIds.Where(s => !TryGet(s, out _)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length == 0) return;
        var rows = await connection.QueryAsync<(Guid Id, string SourceId, Guid KeyId, string MasterKeyId, byte[] Wrapped)>(new CommandDefinition("""
            select p.id, p.source_id, k.id, k.master_key_id, k.wrapped
            from patients p join data_keys k on k.id = p.data_key_id
            where p.provider_id = @providerId and p.source_id = any(@missing)
            """, new { providerId, missing }, transaction, cancellationToken: cancellationToken));
        foreach (var row in rows) _committed[row.SourceId] = (row.Id, ring.Unwrap(row.KeyId, row.MasterKeyId, row.Wrapped));
    }

    public void Commit()
    {
        if (_committed.Count + _unit.Count > Capacity) Clear(_committed);
        foreach (var (sourceId, patient) in _unit) _committed[sourceId] = patient;
        _unit.Clear();
    }

    public void Rollback() => Clear(_unit);

    public void Dispose()
    {
        Clear(_unit);
        Clear(_committed);
    }

    private static void Clear(Dictionary<string, (Guid Id, DataKey Key)> patients)
    {
        foreach (var (_, key) in patients.Values) key.Dispose();
        patients.Clear();
    }
}
