using Dapper;
using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Consent;
using EmrMarket.Data.Chain;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Consent;

public sealed class ConsentRequestRepository(NpgsqlDataSource dataSource) : IConsentRequestStore, IAsyncDisposable
{
    private readonly ConsentRequestWriter _writer = new(dataSource);

    // The on-chain version, or one past the newest request still on its way: what the next signature must carry.
    internal const string NextNonceSql = """
        select p.patient, greatest(coalesce(c.version, 0), coalesce(r.next, 0))
        from unnest(@patients::text[]) as p(patient)
        left join chain_consents c on c.patient = p.patient
        left join lateral (
            select max(nonce) + 1 as next from consent_requests r where r.patient = p.patient and r.status in ('pending', 'submitted')) r on true
        """;

    public async Task<ulong> NextNonceAsync(EthAddress patient, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(string Patient, long Next)>(new CommandDefinition(NextNonceSql,
            new { patients = new[] { patient.ToLowerHex() } }, cancellationToken: cancellationToken));
        return (ulong)row.Next;
    }

    public Task<ConsentRequest> InsertAsync(NewConsentRequest request, Func<ulong, byte[]> sign, CancellationToken cancellationToken) =>
        _writer.InsertAsync(request, sign, cancellationToken);

    public async Task<ConsentRequest?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ConsentRequestRow>(new CommandDefinition(
            $"select {ConsentRequestRow.Columns} from consent_requests where id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRequest();
    }

    public async Task<IReadOnlyList<ConsentRequest>> ForAccountAsync(Guid accountId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ConsentRequestRow>(new CommandDefinition(
            $"select {ConsentRequestRow.Columns} from consent_requests where account_id = @accountId order by id desc limit @limit",
            new { accountId, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRequest()).ToList();
    }

    public async Task<IReadOnlyList<ConsentRequest>?> TakeBatchAsync(int max, Func<IReadOnlyList<ConsentRequest>, OutboxWrite> toOutbox,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var expired = (await connection.QueryAsync<string>(new CommandDefinition("""
            update consent_requests set status = 'rejected', reject_reason = 1, updated_at = now(),
                reject_detail = 'its deadline passed before the relayer could send it'
            where status = 'pending' and deadline <= extract(epoch from now())::bigint + 30
            returning patient
            """, transaction: transaction, cancellationToken: cancellationToken))).ToList();
        var batch = (await connection.QueryAsync<ConsentRequestRow>(new CommandDefinition(
            $"select {ConsentRequestRow.Columns} from consent_requests where status = 'pending' order by id limit @max for update skip locked",
            new { max }, transaction, cancellationToken: cancellationToken))).Select(r => r.ToRequest()).ToList();
        if (batch.Count > 0)
        {
            var outboxId = await OutboxRepository.InsertAsync(connection, transaction, toOutbox(batch), cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                update consent_requests r set status = 'submitted', outbox_id = @outboxId, batch_index = b.idx, updated_at = now()
                from unnest(@ids::bigint[], @indexes::int[]) as b(id, idx) where r.id = b.id
                """, new { outboxId, ids = batch.Select(r => r.Id).ToArray(), indexes = Enumerable.Range(0, batch.Count).ToArray() },
                transaction, cancellationToken: cancellationToken));
        }
        var patients = expired.Concat(batch.Select(r => r.Message.Patient.ToLowerHex())).Distinct().ToList();
        if (patients.Count > 0)
            await ChangeNotice.SendAsync(connection, transaction, new ChainChangeSet(patients.Select(p => new ChainChange(ChangeKind.Consent, p)).ToList()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count == 0 ? null : batch;
    }

    public async Task<int> RejectFailedBatchesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var patients = (await connection.QueryAsync<string>(new CommandDefinition("""
            update consent_requests r set status = 'rejected', reject_reason = 0, updated_at = now(),
                reject_detail = 'the batch transaction failed: ' || coalesce(o.revert_reason, o.last_error, 'no reason given')
            from outbox o
            where r.status = 'submitted' and o.id = r.outbox_id and o.status = 'failed'
            returning r.patient
            """, transaction: transaction, cancellationToken: cancellationToken))).ToList();
        if (patients.Count > 0)
            await ChangeNotice.SendAsync(connection, transaction,
                new ChainChangeSet(patients.Distinct().Select(p => new ChainChange(ChangeKind.Consent, p)).ToList()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return patients.Count;
    }

    public async Task<IAsyncDisposable?> TryLockRelayerAsync(CancellationToken cancellationToken)
    {
        const string name = "emr:consent-relayer";
        var connection = await AdvisoryLocks.TryTakeAsync(dataSource, name, cancellationToken);
        return connection is null ? null : new AdvisoryLocks.Held(connection, name);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
