using Dapper;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Chain;

/// <summary>
/// One sender's rows, read and written on the connection that holds the sender's advisory lock: a lost
/// connection loses the lock and fails every write, so no second instance can have signed meanwhile.
/// </summary>
internal sealed class OutboxSession(NpgsqlConnection connection, EthAddress sender) : IOutboxSession
{
    private readonly string _sender = sender.ToLowerHex();

    public EthAddress Sender { get; } = sender;

    public static string LockName(EthAddress sender) => "emr:outbox:" + sender.ToLowerHex();

    public async Task<IReadOnlyList<OutboxEntry>> SentAsync(CancellationToken cancellationToken) =>
        (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"select {OutboxRow.Columns} from outbox where sender = @_sender and status = 'sent' order by nonce",
            new { _sender }, cancellationToken: cancellationToken))).Select(r => r.ToEntry()).ToList();

    public async Task<IReadOnlyList<OutboxEntry>> ReadyAsync(int limit, CancellationToken cancellationToken)
    {
        var orphans = (await connection.QueryAsync<long>(new CommandDefinition("""
            update outbox o set status = 'failed', completed_at = now(),
                last_error = 'not sent: the write it waited for (outbox ' || o.after_id || ') failed'
            from outbox d
            where o.sender = @_sender and o.status = 'queued' and d.id = o.after_id and d.status = 'failed'
            returning o.id
            """, new { _sender }, cancellationToken: cancellationToken))).ToList();
        if (orphans.Count > 0) await ChangeNotice.SendAsync(connection, null, ChangeNotice.Outbox(orphans), cancellationToken);

        return (await connection.QueryAsync<OutboxRow>(new CommandDefinition($"""
            select {OutboxRow.Columns} from outbox o
            where sender = @_sender and status = 'queued'
              and (after_id is null or exists (select 1 from outbox d where d.id = o.after_id and d.status = 'confirmed'))
            order by id limit @limit
            """, new { _sender, limit }, cancellationToken: cancellationToken))).Select(r => r.ToEntry()).ToList();
    }

    public async Task<ulong?> MaxNonceAsync(CancellationToken cancellationToken) =>
        (ulong?)await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select max(nonce) from outbox where sender = @_sender", new { _sender }, cancellationToken: cancellationToken));

    public async Task MarkSentAsync(IReadOnlyList<SignedOutboxRow> rows, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            update outbox o set status = 'sent', nonce = s.nonce, raw_tx = s.raw, tx_hash = s.hash, attempts = o.attempts + 1,
                sent_at = now(), last_error = null
            from unnest(@ids::bigint[], @nonces::bigint[], @raws::bytea[], @hashes::bytea[]) as s(id, nonce, raw, hash)
            where o.id = s.id and o.status = 'queued' and o.sender = @_sender
            """,
            new
            {
                ids = rows.Select(r => r.Id).ToArray(),
                nonces = rows.Select(r => (long)r.Transaction.Transaction.Nonce).ToArray(),
                raws = rows.Select(r => r.Transaction.Raw).ToArray(),
                hashes = rows.Select(r => r.Transaction.Hash.ToArray()).ToArray(),
                _sender,
            }, transaction, cancellationToken: cancellationToken));
        if (updated != rows.Count) throw new InvalidOperationException($"outbox: {rows.Count - updated} of the rows to send were no longer queued");
        await ChangeNotice.SendAsync(connection, transaction, ChangeNotice.Outbox(rows.Select(r => r.Id)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task MarkConfirmedAsync(long id, ulong blockNumber, Hash32 blockHash, ulong gasUsed, CancellationToken cancellationToken) =>
        UpdateAsync(id, """
            update outbox set status = 'confirmed', block_number = @blockNumber, block_hash = @blockHash, gas_used = @gasUsed, completed_at = now()
            where id = @id and status = 'sent'
            """, new { id, blockNumber = (long)blockNumber, blockHash = blockHash.ToArray(), gasUsed = (long)gasUsed }, cancellationToken);

    public Task MarkFailedAsync(long id, string error, RevertReason? revert, bool releaseNonce, CancellationToken cancellationToken) =>
        UpdateAsync(id, """
            update outbox set status = 'failed', last_error = @error, revert_error = @revertError, revert_reason = @revertReason,
                nonce = case when @releaseNonce then null else nonce end, completed_at = now()
            where id = @id and status in ('queued', 'sent')
            """, new { id, error, revertError = revert?.ErrorName, revertReason = revert?.Message, releaseNonce }, cancellationToken);

    public Task RecordErrorAsync(long id, string error, CancellationToken cancellationToken) =>
        UpdateAsync(id, "update outbox set attempts = attempts + 1, last_error = @error where id = @id", new { id, error }, cancellationToken);

    public Task RequeueAsync(long id, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(id, """
            update outbox set status = 'queued', nonce = null, raw_tx = null, tx_hash = null, last_error = @reason
            where id = @id and status = 'sent'
            """, new { id, reason }, cancellationToken);

    public Task SetAfterAsync(long id, long afterId, CancellationToken cancellationToken) =>
        UpdateAsync(id, "update outbox set after_id = @afterId where id = @id and status = 'queued'", new { id, afterId }, cancellationToken);

    public async ValueTask DisposeAsync() => await AdvisoryLocks.ReleaseAsync(connection, LockName(Sender));

    private async Task UpdateAsync(long id, string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        await ChangeNotice.SendAsync(connection, transaction, ChangeNotice.Outbox(id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
