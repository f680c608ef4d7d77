using System.Text.Json;
using Dapper;
using EmrMarket.Core.Ingest;
using EmrMarket.Data.Encryption;
using EmrMarket.Fhir;
using EmrMarket.Fhir.Model;
using Npgsql;
using NpgsqlTypes;

namespace EmrMarket.Data.Ingest;

/// <summary>
/// Writes one upload on one connection: each file in its own transaction, records by binary COPY, payloads and
/// direct identifiers encrypted before they leave the process. File transactions commit without waiting for
/// the WAL flush; <see cref="CloseAsync"/> commits synchronously, which makes every earlier commit durable
/// before the summary is returned or the batch is anchored.
/// </summary>
internal sealed class IngestSession(NpgsqlConnection connection, IngestProvider provider, DataKey providerKey, MasterKeyRing ring, long lockKey) : IIngestSession
{
    private const string RecordCopy =
        "copy records (id, provider_id, patient_id, resource_type, source_id, version, current, content_hash, batch_id, leaf_index, payload_enc) from stdin (format binary)";

    private readonly PatientKeys _patients = new(connection, provider.Id, ring);
    private readonly Guid _batchId = Guid.CreateVersion7();
    private NpgsqlTransaction? _transaction;
    private bool _batchCreated;
    private bool _batchInUnit;
    private int _leaves;
    private int _unitFirstLeaf;

    public async Task BeginUnitAsync(CancellationToken cancellationToken)
    {
        _transaction = await connection.BeginTransactionAsync(cancellationToken);
        _unitFirstLeaf = _leaves;
    }

    public async Task<IReadOnlyDictionary<string, RecordCounts>> WriteAsync(string source, IReadOnlyList<FhirEntry> entries, CancellationToken cancellationToken)
    {
        var transaction = _transaction ?? throw new InvalidOperationException("no file is open");
        var counts = new Dictionary<string, RecordCounts>(StringComparer.Ordinal);
        var existing = (await connection.QueryAsync<(string Type, string SourceId, Guid Id, int Version, byte[] Hash)>(new CommandDefinition("""
            select r.resource_type, r.source_id, r.id, r.version, r.content_hash
            from unnest(@types, @ids) as k(resource_type, source_id)
            join records r on r.provider_id = @providerId and r.resource_type = k.resource_type and r.source_id = k.source_id and r.current
            """, new { providerId = provider.Id, types = entries.Select(e => e.Resource.Key.Type).ToArray(), ids = entries.Select(e => e.Resource.Key.Id).ToArray() },
            transaction, cancellationToken: cancellationToken)))
            .ToDictionary(r => new ResourceKey(r.Type, r.SourceId));

        var writes = new List<Write>();
        foreach (var entry in entries)
        {
            var type = entry.Resource.Key.Type;
            var count = counts.GetValueOrDefault(type, RecordCounts.Zero);
            if (existing.TryGetValue(entry.Resource.Key, out var old))
            {
                if (entry.Resource.Hash.Equals(Fhir.Canonical.ContentHash.FromBytes(old.Hash)))
                {
                    counts[type] = count with { Unchanged = count.Unchanged + 1 };
                    continue;
                }
                counts[type] = count with { Updated = count.Updated + 1 };
                writes.Add(new Write(entry, Guid.CreateVersion7(), old.Version + 1, old.Id));
            }
            else
            {
                counts[type] = count with { New = count.New + 1 };
                writes.Add(new Write(entry, Guid.CreateVersion7(), 1, null));
            }
        }
        if (writes.Count == 0) return counts;

        await _patients.LoadAsync(writes.Select(w => w.PatientSourceId).OfType<string>(), transaction, cancellationToken);
        await WritePatientsAsync(writes, cancellationToken);
        foreach (var write in writes) write.Owner = OwnerOf(source, write);

        await SupersedeAsync(writes, transaction, cancellationToken);
        if (!_batchCreated && !_batchInUnit)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into ingest_batches (id, provider_id) values (@_batchId, @providerId)", new { _batchId, providerId = provider.Id }, transaction, cancellationToken: cancellationToken));
            _batchInUnit = true;
        }
        await CopyRecordsAsync(writes, cancellationToken);
        await CopyClinicalAsync(writes, cancellationToken);
        return counts;
    }

    public async Task VerifyStoredAsync(string source, IReadOnlyDictionary<ResourceKey, int> references, CancellationToken cancellationToken)
    {
        if (references.Count == 0) return;
        var missing = await connection.QueryAsync<(string Type, string SourceId)>(new CommandDefinition("""
            select k.resource_type, k.source_id from unnest(@types, @ids) as k(resource_type, source_id)
            where not exists (select 1 from records r where r.provider_id = @providerId and r.resource_type = k.resource_type and r.source_id = k.source_id and r.current)
            """, new { providerId = provider.Id, types = references.Keys.Select(k => k.Type).ToArray(), ids = references.Keys.Select(k => k.Id).ToArray() },
            _transaction, cancellationToken: cancellationToken));
        var first = missing.Select(m => new ResourceKey(m.Type, m.SourceId)).OrderBy(k => references[k]).FirstOrDefault();
        if (first != default)
            throw new FhirException(source, references[first], FhirErrorCode.UnresolvedReference, $"reference {first} names a resource neither in the file nor stored for this provider");
    }

    public async Task CommitUnitAsync(CancellationToken cancellationToken)
    {
        await _transaction!.CommitAsync(cancellationToken);
        await DisposeTransactionAsync();
        _batchCreated |= _batchInUnit;
        _batchInUnit = false;
        _patients.Commit();
    }

    public async Task RollbackUnitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null) await _transaction.RollbackAsync(cancellationToken);
        await DisposeTransactionAsync();
        _batchInUnit = false;
        _leaves = _unitFirstLeaf;
        _patients.Rollback();
    }

    public async Task<IngestBatch?> CloseAsync(string actor, IngestSummary summary, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("set local synchronous_commit = on", transaction: transaction, cancellationToken: cancellationToken));
        DateTimeOffset? closedAt = null;
        if (_batchCreated)
        {
            closedAt = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(
                "update ingest_batches set status = 'closed', record_count = @_leaves, closed_at = now() where id = @_batchId returning closed_at",
                new { _leaves, _batchId }, transaction, cancellationToken: cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into audit_log (actor, action, subject, detail) values (@actor, 'ingest', @subject, @detail::jsonb)",
            new { actor, subject = $"provider:{provider.Code}", detail = AuditDetail(summary) }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return closedAt is { } at ? new IngestBatch(_batchId, provider.Id, _leaves, at) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeTransactionAsync();
        _patients.Dispose();
        providerKey.Dispose();
        try
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@lockKey)", new { lockKey });
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private async Task DisposeTransactionAsync()
    {
        if (_transaction is null) return;
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    /// <summary>Creates new patients (data key and row) and updates changed ones.</summary>
    private async Task WritePatientsAsync(List<Write> writes, CancellationToken cancellationToken)
    {
        var created = new List<(Write Write, Guid Id, DataKey Key, byte[] Wrapped)>();
        foreach (var write in writes.Where(w => w.Entry.Resource.Facts is PatientFacts))
        {
            var sourceId = write.Entry.Resource.Key.Id;
            if (_patients.TryGet(sourceId, out var patient))
            {
                await PatientRow.UpdateAsync(connection, patient.Id, patient.Key, (PatientFacts)write.Entry.Resource.Facts!, cancellationToken);
                continue;
            }
            var (key, material) = DataKey.Create();
            var wrapped = ring.Wrap(key.Id, material);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(material);
            var id = Guid.CreateVersion7();
            _patients.AddNew(sourceId, id, key);
            created.Add((write, id, key, wrapped));
        }
        if (created.Count == 0) return;
        await using (var keys = await connection.BeginBinaryImportAsync("copy data_keys (id, master_key_id, wrapped) from stdin (format binary)", cancellationToken))
        {
            foreach (var (_, _, key, wrapped) in created)
            {
                keys.StartRow();
                keys.Uuid(key.Id); keys.Text(ring.CurrentId); keys.Bytes(wrapped);
            }
            await keys.CompleteAsync(cancellationToken);
        }
        await using (var rows = await connection.BeginBinaryImportAsync(PatientRow.Copy, cancellationToken))
        {
            foreach (var (write, id, key, _) in created)
                PatientRow.Write(rows, id, provider.Id, write.Entry.Resource.Key.Id, key, (PatientFacts)write.Entry.Resource.Facts!);
            await rows.CompleteAsync(cancellationToken);
        }
    }

    private (Guid? PatientId, DataKey Key) OwnerOf(string source, Write write)
    {
        if (write.PatientSourceId is not { } sourceId) return (null, providerKey);
        if (_patients.TryGet(sourceId, out var patient)) return (patient.Id, patient.Key);
        throw new FhirException(source, write.Entry.Index, FhirErrorCode.MissingPatient,
            $"{write.Entry.Resource.Key}: its patient Patient/{sourceId} is neither in the file nor stored for this provider");
    }

    private async Task SupersedeAsync(List<Write> writes, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var superseded = writes.Where(w => w.Supersedes is not null).ToList();
        if (superseded.Count == 0) return;
        var ids = superseded.Select(w => w.Supersedes!.Value).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            "update records set current = false, superseded_at = now() where id = any(@ids)", new { ids }, transaction, cancellationToken: cancellationToken));
        var tables = superseded.Select(w => w.Entry.Resource.Key.Type).Distinct().Where(ClinicalTables.ByType.ContainsKey).Select(t => ClinicalTables.ByType[t].Name).ToList();
        if (tables.Contains("observations")) tables.Insert(0, "observation_components");
        foreach (var table in tables)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"delete from {table} where record_id = any(@ids)", new { ids }, transaction, cancellationToken: cancellationToken));
        }
    }

    private async Task CopyRecordsAsync(List<Write> writes, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(RecordCopy, cancellationToken);
        foreach (var write in writes)
        {
            var resource = write.Entry.Resource;
            importer.StartRow();
            importer.Uuid(write.RecordId); importer.Uuid(provider.Id); importer.Uuid(write.Owner.PatientId);
            importer.Text(resource.Key.Type); importer.Text(resource.Key.Id); importer.Integer(write.Version); importer.Boolean(true);
            importer.Write(resource.Hash.ToArray(), NpgsqlDbType.Bytea); importer.Uuid(_batchId); importer.Integer(_leaves++);
            importer.Bytes(write.Owner.Key.Encrypt("records.payload_enc", write.RecordId, resource.Canonical));
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private async Task CopyClinicalAsync(List<Write> writes, CancellationToken cancellationToken)
    {
        foreach (var group in writes.Where(w => ClinicalTables.ByType.ContainsKey(w.Entry.Resource.Key.Type)).GroupBy(w => w.Entry.Resource.Key.Type))
        {
            var table = ClinicalTables.ByType[group.Key];
            await using (var importer = await connection.BeginBinaryImportAsync(table.Copy, cancellationToken))
            {
                foreach (var write in group)
                {
                    importer.StartRow();
                    var context = new RowContext(write.RecordId, write.Owner.PatientId!.Value, write.Entry.Resource.Key.Id, write.Entry.Encounter?.Target.Id);
                    table.Write(importer, context, write.Entry.Resource.Facts!);
                }
                await importer.CompleteAsync(cancellationToken);
            }
        }
        var components = writes.Where(w => w.Entry.Resource.Facts is ObservationFacts { Components.Count: > 0 }).ToList();
        if (components.Count == 0) return;
        await using var rows = await connection.BeginBinaryImportAsync(ClinicalTables.ComponentCopy, cancellationToken);
        foreach (var write in components)
        {
            var facts = (ObservationFacts)write.Entry.Resource.Facts!;
            for (var i = 0; i < facts.Components.Count; i++)
            {
                rows.StartRow();
                ClinicalTables.WriteComponent(rows, write.RecordId, (short)i, facts.Components[i]);
            }
        }
        await rows.CompleteAsync(cancellationToken);
    }

    /// <summary>Counts and error codes only: file names and messages may carry patient data and stay out of the log.</summary>
    private string AuditDetail(IngestSummary summary) => JsonSerializer.Serialize(new
    {
        batch = _batchCreated ? _batchId : (Guid?)null,
        files = new { accepted = summary.Accepted, unchanged = summary.Unchanged, rejected = summary.Rejected },
        records = new { @new = summary.Records.New, updated = summary.Records.Updated, unchanged = summary.Records.Unchanged },
        errors = summary.Errors.GroupBy(e => e.CodeName).ToDictionary(g => g.Key, g => g.Count()),
    });

    /// <summary>A record to write, and the patient (or provider) it belongs to once known.</summary>
    private sealed class Write(FhirEntry entry, Guid recordId, int version, Guid? supersedes)
    {
        public FhirEntry Entry { get; } = entry;
        public Guid RecordId { get; } = recordId;
        public int Version { get; } = version;
        public Guid? Supersedes { get; } = supersedes;
        public (Guid? PatientId, DataKey Key) Owner { get; set; }

        public string? PatientSourceId => Entry.Resource.Facts is PatientFacts ? Entry.Resource.Key.Id : Entry.Patient?.Target.Id;
    }
}
