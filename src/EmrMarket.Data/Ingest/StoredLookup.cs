using EmrMarket.Fhir.Canonical;
using EmrMarket.Fhir.Model;
using Npgsql;
using NpgsqlTypes;

namespace EmrMarket.Data.Ingest;

/// <summary>
/// What a group of files needs to know before anything of it is written, in one round trip: the current
/// versions of records it may change, and the stored patients it names that are not cached yet.
/// </summary>
internal static class StoredLookup
{
    // One index probe per key (LIMIT 1 keeps the subquery from being flattened): with thousands of keys the planner
    // would otherwise hash or sort the provider's every record, a cost that grows with the table, not the group.
    private const string ProbeRecords = """
        select k.resource_type, k.source_id, r.id, r.version, r.content_hash
        from unnest($2::text[], $3::text[]) as k(resource_type, source_id)
        cross join lateral (
            select r.id, r.version, r.content_hash from records r
            where r.provider_id = $1 and r.resource_type = k.resource_type and r.source_id = k.source_id and r.current
            limit 1) r
        """;

    private const string PatientRecords = """
        select r.resource_type, r.source_id, r.id, r.version, r.content_hash
        from patients p join records r on r.patient_id = p.id and r.current
        where p.provider_id = $1 and p.source_id = any($2)
        """;

    private const string Patients = """
        select p.source_id, p.id, k.id, k.master_key_id, k.wrapped
        from patients p join data_keys k on k.id = p.data_key_id
        where p.provider_id = $1 and p.source_id = any($2)
        """;

    /// <summary>
    /// The current versions of <paramref name="probe"/> (looked up one by one) and of every record of the stored
    /// patients among <paramref name="owners"/>; <paramref name="patients"/> learns the stored patients among
    /// <paramref name="uncached"/>.
    /// </summary>
    public static async Task<Dictionary<ResourceKey, StoredRecord>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid providerId,
        IReadOnlyCollection<ResourceKey> probe, IReadOnlyCollection<string> owners, IReadOnlyCollection<string> uncached, PatientKeys patients, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(ProbeRecords, providerId, [.. probe.Select(k => k.Type)], [.. probe.Select(k => k.Id)]));
        batch.BatchCommands.Add(Command(PatientRecords, providerId, [.. owners]));
        if (uncached.Count > 0) batch.BatchCommands.Add(Command(Patients, providerId, [.. uncached]));
        var records = new Dictionary<ResourceKey, StoredRecord>(probe.Count);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var set = 0; set < 2; set++)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                records[new ResourceKey(reader.GetString(0), reader.GetString(1))] =
                    new StoredRecord(reader.GetGuid(2), reader.GetInt32(3), ContentHash.FromBytes(reader.GetFieldValue<byte[]>(4)));
            }
            await reader.NextResultAsync(cancellationToken);
        }
        if (uncached.Count == 0) return records;
        while (await reader.ReadAsync(cancellationToken))
            patients.AddStored(reader.GetString(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetFieldValue<byte[]>(4));
        return records;
    }

    private static NpgsqlBatchCommand Command(string sql, Guid providerId, params string[][] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = providerId, NpgsqlDbType = NpgsqlDbType.Uuid });
        foreach (var array in arrays) command.Parameters.Add(new NpgsqlParameter { Value = array, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return command;
    }
}
