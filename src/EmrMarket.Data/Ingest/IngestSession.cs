using System.Text.Json;
using Dapper;
using EmrMarket.Core.Ingest;
using EmrMarket.Data.Encryption;
using EmrMarket.Fhir;
using EmrMarket.Fhir.Model;
using Npgsql;

namespace EmrMarket.Data.Ingest;

/// <summary>
/// Writes one upload on one connection. Whole files are written many to a transaction: all are planned first
/// (<see cref="UnitPlanner"/>), a file that fails its plan is left out whole, and the rest go in with one COPY per
/// table (<see cref="RowWriter"/>). Should the database refuse the group, it is rolled back and each of its files is
/// written again in a transaction of its own, so only the file at fault is rejected. Either way every file's
/// rows commit together or not at all. Transactions commit without waiting for the WAL flush;
/// <see cref="CloseAsync"/> commits synchronously, which makes every earlier commit durable before the summary is
/// returned or the batch is anchored.
/// </summary>
internal sealed class IngestSession : IIngestSession
{
    private static readonly Dictionary<ResourceKey, int> NoReferences = [];
    private readonly NpgsqlConnection _connection;
    private readonly IngestProvider _provider;
    private readonly DataKey _providerKey;
    private readonly long _lockKey;
    private readonly PatientKeys _patients;
    private readonly UnitPlanner _planner;
    private readonly RowWriter _rows;
    private readonly Guid _batchId = Guid.CreateVersion7();
    private readonly Dictionary<ResourceKey, StoredRecord> _written = [];
    private NpgsqlTransaction? _transaction;
    private bool _batchCreated;
    private bool _batchInTransaction;
    private int _leaves;
    private int _firstLeaf;

    public IngestSession(NpgsqlConnection connection, IngestProvider provider, DataKey providerKey, MasterKeyRing ring, long lockKey)
    {
        (_connection, _provider, _providerKey, _lockKey) = (connection, provider, providerKey, lockKey);
        _patients = new PatientKeys(ring);
        _planner = new UnitPlanner(providerKey, _patients, ring);
        _rows = new RowWriter(connection, provider.Id, ring);
    }

    public async Task<IReadOnlyList<IngestFileResult>> WriteFilesAsync(IReadOnlyList<IngestUnit> units, CancellationToken cancellationToken)
    {
        var results = new IngestFileResult[units.Count];
        for (var next = 0; next < units.Count;) next = await WriteGroupAsync(units, next, units.Count, results, strict: false, cancellationToken);
        return results;
    }

    /// <summary>
    /// Writes units[start..end) in one transaction, up to the first that changes a record this transaction wrote;
    /// returns where it stopped. Unless <paramref name="strict"/>, records of patients not stored yet are taken to
    /// be new without looking them up; should one exist after all, the unique index on current versions refuses it
    /// and the group is written again with every record looked up.
    /// </summary>
    private async Task<int> WriteGroupAsync(IReadOnlyList<IngestUnit> units, int start, int end, IngestFileResult[] results, bool strict, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        var plans = new List<UnitPlan>();
        var planned = new List<int>();
        var next = start;
        try
        {
            var group = units.Skip(start).Take(end - start).ToList();
            var stored = await LookupAsync(group.SelectMany(u => u.Entries), group.SelectMany(u => u.StoreReferences.Keys), strict, cancellationToken);
            for (; next < end; next++)
            {
                var unit = units[next];
                UnitPlan? plan;
                try
                {
                    plan = _planner.Plan(unit.Source, unit.Entries, unit.StoreReferences, stored, _written);
                }
                catch (FhirException e)
                {
                    results[next] = Rejected(unit.Source, IngestError.From(e));
                    continue;
                }
                if (plan is null) break;
                plans.Add(plan);
                planned.Add(next);
            }
            await WriteRowsAsync(plans, cancellationToken);
            await CommitAsync(cancellationToken);
        }
        catch (PostgresException e) when (!strict && e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "records_current" })
        {
            await RollbackAsync(cancellationToken);
            return await WriteGroupAsync(units, start, end, results, strict: true, cancellationToken);
        }
        catch (PostgresException e) when (IsDataError(e))
        {
            // A value of one of the files that PostgreSQL cannot store: find which by writing them one per transaction.
            await RollbackAsync(cancellationToken);
            if (end - start > 1)
            {
                for (var index = start; index < end; index++) await WriteGroupAsync(units, index, index + 1, results, strict, cancellationToken);
            }
            else
            {
                results[start] = Rejected(units[start].Source,
                    new IngestError(units[start].Source, null, FhirErrorCode.InvalidValue, $"the database cannot store one of its values (SQLSTATE {e.SqlState})"));
            }
            return end;
        }
        catch
        {
            await RollbackAsync(CancellationToken.None);
            throw;
        }
        for (var i = 0; i < plans.Count; i++)
        {
            var written = plans[i].Records.Count > 0;
            results[planned[i]] = new IngestFileResult(units[planned[i]].Source, written ? IngestOutcome.Accepted : IngestOutcome.Unchanged, plans[i].Counts, null);
        }
        return next;
    }

    public Task BeginUnitAsync(CancellationToken cancellationToken) => BeginAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, RecordCounts>> WriteAsync(string source, IReadOnlyList<FhirEntry> entries, CancellationToken cancellationToken)
    {
        if (_transaction is null) throw new InvalidOperationException("no file is open");
        var stored = await LookupAsync(entries, [], strict: true, cancellationToken);
        // The reader rejects a file that holds one resource twice with different content, so no chunk conflicts with an earlier one.
        var plan = _planner.Plan(source, entries, NoReferences, stored, _written)
            ?? throw new InvalidOperationException($"{source}: a resource changed between chunks of one file");
        await WriteRowsAsync([plan], cancellationToken);
        return plan.Counts;
    }

    public async Task VerifyStoredAsync(string source, IReadOnlyDictionary<ResourceKey, int> references, CancellationToken cancellationToken)
    {
        if (references.Count == 0) return;
        var stored = await LookupAsync([], references.Keys, strict: true, cancellationToken);
        var missing = references.Where(r => !stored.ContainsKey(r.Key)).OrderBy(r => r.Value).FirstOrDefault();
        if (missing.Key != default) throw UnitPlanner.UnresolvedReference(source, missing.Key, missing.Value);
    }

    public Task CommitUnitAsync(CancellationToken cancellationToken) => CommitAsync(cancellationToken);

    public Task RollbackUnitAsync(CancellationToken cancellationToken) => RollbackAsync(cancellationToken);

    public async Task<IngestBatch?> CloseAsync(string actor, IngestSummary summary, CancellationToken cancellationToken)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        await _connection.ExecuteAsync(new CommandDefinition("set local synchronous_commit = on", transaction: transaction, cancellationToken: cancellationToken));
        DateTimeOffset? closedAt = null;
        if (_batchCreated)
        {
            closedAt = await _connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(
                "update ingest_batches set status = 'closed', record_count = @_leaves, closed_at = now() where id = @_batchId returning closed_at",
                new { _leaves, _batchId }, transaction, cancellationToken: cancellationToken));
        }
        await _connection.ExecuteAsync(new CommandDefinition(
            "insert into audit_log (actor, action, subject, detail) values (@actor, 'ingest', @subject, @detail::jsonb)",
            new { actor, subject = $"provider:{_provider.Code}", detail = AuditDetail(summary) }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return closedAt is { } at ? new IngestBatch(_batchId, _provider.Id, _leaves, at) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeTransactionAsync();
        _patients.Dispose();
        _providerKey.Dispose();
        try
        {
            await _connection.ExecuteAsync("select pg_advisory_unlock(@_lockKey)", new { _lockKey });
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task BeginAsync(CancellationToken cancellationToken)
    {
        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
        _firstLeaf = _leaves;
    }

    /// <summary>
    /// The current versions of the references and of the entries that may exist: every entry when
    /// <paramref name="strict"/>, else those about no patient and those of stored patients (read patient by patient).
    /// Also the stored patients the entries name that are not cached.
    /// </summary>
    private Task<Dictionary<ResourceKey, StoredRecord>> LookupAsync(IEnumerable<FhirEntry> entries, IEnumerable<ResourceKey> references, bool strict, CancellationToken cancellationToken)
    {
        var probe = new HashSet<ResourceKey>(references);
        var owners = new HashSet<string>(StringComparer.Ordinal);
        var uncached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var patient = PlannedRecord.PatientOf(entry);
            if (strict || patient is null) probe.Add(entry.Resource.Key);
            if (patient is null) continue;
            if (!strict) owners.Add(patient);
            if (!_patients.TryGet(patient, out _)) uncached.Add(patient);
        }
        return StoredLookup.ReadAsync(_connection, _transaction!, _provider.Id, probe, owners, uncached, _patients, cancellationToken);
    }

    private async Task WriteRowsAsync(IReadOnlyList<UnitPlan> plans, CancellationToken cancellationToken)
    {
        var leaves = await _rows.WriteAsync(plans, _transaction!, _batchId, createBatch: !_batchCreated && !_batchInTransaction, _leaves, cancellationToken);
        _batchInTransaction |= leaves > _leaves;
        _leaves = leaves;
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction!.CommitAsync(cancellationToken);
        await DisposeTransactionAsync();
        _batchCreated |= _batchInTransaction;
        _batchInTransaction = false;
        _written.Clear();
        _patients.Commit();
    }

    private async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null) await _transaction.RollbackAsync(cancellationToken);
        await DisposeTransactionAsync();
        _batchInTransaction = false;
        _leaves = _firstLeaf;
        _written.Clear();
        _patients.Rollback();
    }

    private async Task DisposeTransactionAsync()
    {
        if (_transaction is null) return;
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    /// <summary>Class 22, data exception: a value of the file that PostgreSQL cannot store (a NUL character in text, say).</summary>
    private static bool IsDataError(PostgresException e) => e.SqlState.StartsWith("22", StringComparison.Ordinal);

    private static IngestFileResult Rejected(string source, IngestError error) =>
        new(source, IngestOutcome.Rejected, new Dictionary<string, RecordCounts>(), error);

    /// <summary>Counts and error codes only: file names and messages may carry patient data and stay out of the log.</summary>
    private string AuditDetail(IngestSummary summary) => JsonSerializer.Serialize(new
    {
        batch = _batchCreated ? _batchId : (Guid?)null,
        files = new { accepted = summary.Accepted, unchanged = summary.Unchanged, rejected = summary.Rejected },
        records = new { @new = summary.Records.New, updated = summary.Records.Updated, unchanged = summary.Records.Unchanged },
        errors = summary.Errors.GroupBy(e => e.CodeName).ToDictionary(g => g.Key, g => g.Count()),
    });
}
