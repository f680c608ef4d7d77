using EmrMarket.Fhir.Canonical;
using EmrMarket.Fhir.Model;
using Npgsql;
using NpgsqlTypes;

namespace EmrMarket.Data.Ingest;

/// <summary>
/// What a group of files needs to know before anything of it is written, in one round trip: the current
/// version of every record it holds or refers to, and the stored patients it names that are not cached yet.
/// </summary>
internal static class StoredLookup
{
    // One index probe per key (LIMIT 1 keeps the subquery from being flattened): with thousands of keys the planner
    // would otherwise hash or sort the provider's every record, a cost that grows with the table, not the group.
    private const string Records = """
        select k.resource_type, k.source_id, r.id, r.version, r.content_hash
        from unnest($2::text[], $3::text[]) as k(resource_type, source_id)
        cross join lateral (
            select r.id, r.version, r.content_hash from records r
            where r.provider_id = $1 and r.resource_type = k.resource_type and r.source_id = k.source_id and r.current
            limit 1) r
        """;

    private const string Patients = """
        select p.source_id, p.id, k.id, k.master_key_id, k.wrapped
        from patients p join data_keys k on k.id = p.data_key_id
        where p.provider_id = $1 and p.source_id = any($2)
        """;

    public static async Task<Dictionary<ResourceKey, StoredRecord>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid providerId, ICollection<ResourceKey> keys, IReadOnlyCollection<string> patientIds,
        PatientKeys patients, CancellationToken cancellationToken)
    {
        var records = new Dictionary<ResourceKey, StoredRecord>(keys.Count);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var types = new string[keys.Count];
        var ids = new string[keys.Count];
        var i = 0;
        foreach (var key in keys)
        {
            types[i] = key.Type;
            ids[i++] = key.Id;
        }
        batch.BatchCommands.Add(Command(Records, providerId, types, ids));
        if (patientIds.Count > 0) batch.BatchCommands.Add(Command(Patients, providerId, [.. patientIds]));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records[new ResourceKey(reader.GetString(0), reader.GetString(1))] =
                new StoredRecord(reader.GetGuid(2), reader.GetInt32(3), ContentHash.FromBytes(reader.GetFieldValue<byte[]>(4)));
        }
        if (patientIds.Count == 0) return records;
        await reader.NextResultAsync(cancellationToken);
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
