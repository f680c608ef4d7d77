using EmrMarket.Data.Encryption;
using EmrMarket.Fhir.Model;
using Npgsql;
using NpgsqlTypes;

namespace EmrMarket.Data.Ingest;

/// <summary>
/// Writes planned files in the open transaction with as few round trips as the tables allow: one batch for the
/// statements that must precede the loads (the batch row, superseded versions, changed patients), then one
/// binary COPY per table that has rows. Payloads and direct identifiers are encrypted as the rows are written.
/// </summary>
internal sealed class RowWriter(NpgsqlConnection connection, Guid providerId, MasterKeyRing ring)
{
    private const string RecordCopy =
        "copy records (id, provider_id, patient_id, resource_type, source_id, version, current, content_hash, batch_id, leaf_index, payload_enc) from stdin (format binary)";

    private const string KeyCopy = "copy data_keys (id, master_key_id, wrapped) from stdin (format binary)";

    // Payloads are sealed into one reused buffer (COPY has sent or buffered a value when Write returns); only a
    // payload larger than it gets an array of its own, so the buffer stays small.
    private const int SealBufferBytes = 256 * 1024;
    private readonly byte[] _sealed = new byte[SealBufferBytes];
    private readonly byte[] _hash = new byte[32];

    /// <summary>Writes the plans' rows; leaves are numbered from <paramref name="firstLeaf"/>. Returns the next free leaf index.</summary>
    public async Task<int> WriteAsync(IReadOnlyList<UnitPlan> plans, NpgsqlTransaction transaction, Guid batchId, bool createBatch, int firstLeaf, CancellationToken cancellationToken)
    {
        var records = plans.SelectMany(p => p.Records).ToList();
        if (records.Count == 0) return firstLeaf;
        await PrepareAsync(plans, records, transaction, batchId, createBatch, cancellationToken);
        var patients = plans.SelectMany(p => p.NewPatients).ToList();
        if (patients.Count > 0)
        {
            await CopyAsync(KeyCopy, patients, (i, p) => { i.Uuid(p.Key.Id); i.Text(ring.CurrentId); i.Bytes(p.Wrapped); }, cancellationToken);
            await CopyAsync(PatientRow.Copy, patients, (i, p) => PatientRow.Write(i, p.Id, providerId, p.SourceId, p.Key, p.Facts), cancellationToken);
        }
        var leaf = firstLeaf;
        await CopyAsync(RecordCopy, records, (i, r) => WriteRecord(i, r, batchId, leaf++), cancellationToken);
        foreach (var group in records.Where(r => ClinicalTables.ByType.ContainsKey(r.Entry.Resource.Key.Type)).GroupBy(r => r.Entry.Resource.Key.Type))
        {
            var table = ClinicalTables.ByType[group.Key];
            await CopyAsync(table.Copy, group, (i, r) =>
                table.Write(i, new RowContext(r.RecordId, r.Owner.PatientId!.Value, r.Entry.Resource.Key.Id, r.Entry.Encounter?.Target.Id), r.Entry.Resource.Facts!),
                cancellationToken);
        }
        var components = records
            .Where(r => r.Entry.Resource.Facts is ObservationFacts { Components.Count: > 0 })
            .SelectMany(r => ((ObservationFacts)r.Entry.Resource.Facts!).Components.Select((c, seq) => (r.RecordId, Seq: (short)seq, Component: c)))
            .ToList();
        if (components.Count > 0)
            await CopyAsync(ClinicalTables.ComponentCopy, components, (i, c) => ClinicalTables.WriteComponent(i, c.RecordId, c.Seq, c.Component), cancellationToken);
        return leaf;
    }

    /// <summary>What must happen before the loads, in one round trip: the unique index on current versions needs the old ones retired first.</summary>
    private async Task PrepareAsync(IReadOnlyList<UnitPlan> plans, List<PlannedRecord> records, NpgsqlTransaction transaction, Guid batchId, bool createBatch, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (createBatch)
            batch.BatchCommands.Add(Command("insert into ingest_batches (id, provider_id) values ($1, $2)", (batchId, NpgsqlDbType.Uuid), (providerId, NpgsqlDbType.Uuid)));
        var superseded = records.Where(r => r.Supersedes is not null).ToList();
        if (superseded.Count > 0)
        {
            var ids = superseded.Select(r => r.Supersedes!.Value).ToArray();
            batch.BatchCommands.Add(Command("update records set current = false, superseded_at = now() where id = any($1)", (ids, NpgsqlDbType.Array | NpgsqlDbType.Uuid)));
            var tables = superseded.Select(r => r.Entry.Resource.Key.Type).Distinct().Where(ClinicalTables.ByType.ContainsKey).Select(t => ClinicalTables.ByType[t].Name).ToList();
            if (tables.Contains("observations")) tables.Add("observation_components");
            foreach (var table in tables)
                batch.BatchCommands.Add(Command($"delete from {table} where record_id = any($1)", (ids, NpgsqlDbType.Array | NpgsqlDbType.Uuid)));
        }
        foreach (var update in plans.SelectMany(p => p.PatientUpdates))
            batch.BatchCommands.Add(PatientRow.UpdateCommand(update.Id, update.Key, update.Facts));
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private void WriteRecord(NpgsqlBinaryImporter i, PlannedRecord record, Guid batchId, int leaf)
    {
        var resource = record.Entry.Resource;
        i.Uuid(record.RecordId); i.Uuid(providerId); i.Uuid(record.Owner.PatientId);
        i.Text(resource.Key.Type); i.Text(resource.Key.Id); i.Integer(record.Version); i.Boolean(true);
        resource.Hash.CopyTo(_hash);
        i.Write(new ReadOnlyMemory<byte>(_hash), NpgsqlDbType.Bytea); i.Uuid(batchId); i.Integer(leaf);
        var size = DataKey.Overhead + resource.Canonical.Length;
        var payload = size <= _sealed.Length ? _sealed : new byte[size];
        record.Owner.Key.Encrypt("records.payload_enc", record.RecordId, resource.Canonical, payload.AsSpan(0, size));
        i.Write(new ReadOnlyMemory<byte>(payload, 0, size), NpgsqlDbType.Bytea);
    }

    private async Task CopyAsync<T>(string copy, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            write(importer, row);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params (object Value, NpgsqlDbType Type)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (value, type) in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
        return command;
    }
}
