using Dapper;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Chain;

/// <summary>The outbox table; the sending side is <see cref="OutboxSession"/>.</summary>
public sealed class OutboxRepository(NpgsqlDataSource dataSource) : IOutboxStore
{
    public async Task<long> InsertAsync(OutboxWrite write, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await InsertAsync(connection, null, write, cancellationToken);
    }

    /// <summary>Inserts inside a caller's transaction (the consent relayer queues a batch and marks its requests at once).</summary>
    internal static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, OutboxWrite write,
        CancellationToken cancellationToken)
    {
        var request = write.Request;
        var inserted = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition($"""
            with inserted as (
                insert into outbox (idempotency_key, kind, signer_role, signer_id, sender, to_address, data, value, gas_limit, after_id)
                values (@IdempotencyKey, @Kind, @Role, @SignerId, @Sender, @To, @Data, @Value::numeric, @GasLimit, @AfterId)
                on conflict (idempotency_key) do nothing
                returning id)
            select id from inserted, pg_notify('{Core.Chain.Events.ChainChangeSet.Channel}', {ChangeNotice.OutboxPayloadSql("id")})
            """,
            new
            {
                request.IdempotencyKey, request.Kind, Role = OutboxRow.RoleName(request.Signer.Role), SignerId = request.Signer.Id,
                Sender = write.Sender.ToLowerHex(), To = request.To.ToLowerHex(), request.Data, Value = request.Value.ToString(),
                GasLimit = (long?)request.GasLimit, request.AfterId,
            },
            transaction, cancellationToken: cancellationToken));
        if (inserted is { } id) return id;

        var existing = (await connection.QuerySingleAsync<OutboxRow>(new CommandDefinition(
            $"select {OutboxRow.Columns} from outbox where idempotency_key = @IdempotencyKey", new { request.IdempotencyKey },
            transaction, cancellationToken: cancellationToken))).ToEntry();
        if (existing.Sender != write.Sender || existing.To != request.To || !existing.Data.AsSpan().SequenceEqual(request.Data)
            || existing.Value != request.Value || existing.Kind != request.Kind)
            throw new OutboxException($"the idempotency key '{request.IdempotencyKey}' was used for a different write (outbox row {existing.Id})");
        return existing.Id;
    }

    public async Task<OutboxEntry?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(
            $"select {OutboxRow.Columns} from outbox where id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToEntry();
    }

    public async Task<OutboxEntry?> FindAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(
            $"select {OutboxRow.Columns} from outbox where idempotency_key = @idempotencyKey", new { idempotencyKey }, cancellationToken: cancellationToken));
        return row?.ToEntry();
    }

    public async Task<IReadOnlyList<EthAddress>> OpenSendersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var senders = await connection.QueryAsync<string>(new CommandDefinition(
            "select distinct sender from outbox where status in ('queued', 'sent')", cancellationToken: cancellationToken));
        return senders.Select(EthAddress.Parse).ToList();
    }

    public async Task<IOutboxSession?> TryOpenSessionAsync(EthAddress sender, CancellationToken cancellationToken)
    {
        var name = OutboxSession.LockName(sender);
        var connection = await AdvisoryLocks.TryTakeAsync(dataSource, name, cancellationToken);
        return connection is null ? null : new OutboxSession(connection, sender);
    }
}
