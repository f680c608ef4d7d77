using Dapper;
using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Consent;
using EmrMarket.Data.Chain;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Consent;

public sealed class ConsentRequestRepository(NpgsqlDataSource dataSource) : IConsentRequestStore
{
    private const string Columns = """
        id, account_id as AccountId, patient, purposes, expiry::text as Expiry, nonce, deadline, signature, source, status, outbox_id as OutboxId,
        batch_index as BatchIndex, reject_reason as RejectReason, reject_detail as RejectDetail, block_number as BlockNumber, tx_hash as TxHash,
        created_at as CreatedAt, updated_at as UpdatedAt
        """;

    // The on-chain version, or one past the newest request still on its way: what the next signature must carry.
    private const string NextNonceSql = """
        select greatest(
            coalesce((select version from chain_consents where patient = @patient), 0),
            coalesce((select max(nonce) + 1 from consent_requests where patient = @patient and status in ('pending', 'submitted')), 0))
        """;

    public async Task<ulong> NextNonceAsync(EthAddress patient, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (ulong)await connection.ExecuteScalarAsync<long>(new CommandDefinition(NextNonceSql, new { patient = patient.ToLowerHex() },
            cancellationToken: cancellationToken));
    }

    public async Task<ConsentRequest> InsertAsync(NewConsentRequest request, Func<ulong, byte[]> sign, CancellationToken cancellationToken)
    {
        var patient = request.Patient.ToLowerHex();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A separate statement, so the nonce below is read after the lock is held (each statement takes a new snapshot).
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtextextended('emr:consent:' || @patient, 0))",
            new { patient }, transaction, cancellationToken: cancellationToken));
        var nonce = (ulong)await connection.ExecuteScalarAsync<long>(new CommandDefinition(NextNonceSql, new { patient }, transaction,
            cancellationToken: cancellationToken));
        if (request.SignedNonce is { } signed && signed != nonce)
            throw new ConsentException($"the signature is for consent number {signed}, but the next one is number {nonce}; sign again");

        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition($"""
            insert into consent_requests (account_id, patient, purposes, expiry, nonce, deadline, signature, source)
            values (@AccountId, @patient, @purposes, @expiry::numeric, @nonce, @deadline, @signature, @source)
            returning {Columns}
            """,
            new
            {
                request.AccountId, patient, purposes = (long)request.Purposes, expiry = request.Expiry.ToString(System.Globalization.CultureInfo.InvariantCulture),
                nonce = (long)nonce, deadline = (long)request.Deadline, signature = sign(nonce), source = request.Source.ToString().ToLowerInvariant(),
            }, transaction, cancellationToken: cancellationToken));
        await ChangeNotice.SendAsync(connection, transaction, new ChainChangeSet([new ChainChange(ChangeKind.Consent, patient)]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row.ToRequest();
    }

    public async Task<ConsentRequest?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from consent_requests where id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRequest();
    }

    public async Task<IReadOnlyList<ConsentRequest>> ForAccountAsync(Guid accountId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"select {Columns} from consent_requests where account_id = @accountId order by id desc limit @limit",
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
        var batch = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"select {Columns} from consent_requests where status = 'pending' order by id limit @max for update skip locked",
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

    private sealed class Row
    {
        public long Id { get; init; }
        public Guid AccountId { get; init; }
        public string Patient { get; init; } = "";
        public long Purposes { get; init; }
        public string Expiry { get; init; } = "0";
        public long Nonce { get; init; }
        public long Deadline { get; init; }
        public byte[] Signature { get; init; } = [];
        public string Source { get; init; } = "";
        public string Status { get; init; } = "";
        public long? OutboxId { get; init; }
        public int? BatchIndex { get; init; }
        public short? RejectReason { get; init; }
        public string? RejectDetail { get; init; }
        public long? BlockNumber { get; init; }
        public byte[]? TxHash { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }

        public ConsentRequest ToRequest() => new(Id, AccountId,
            new ConsentMessage(EthAddress.Parse(Patient), (Purpose)Purposes, ulong.Parse(Expiry, System.Globalization.CultureInfo.InvariantCulture),
                (ulong)Nonce, (ulong)Deadline),
            Signature, Enum.Parse<ConsentSource>(Source, ignoreCase: true), Enum.Parse<ConsentRequestStatus>(Status, ignoreCase: true), OutboxId,
            BatchIndex, (ConsentRejection?)RejectReason, RejectDetail, (ulong?)BlockNumber, TxHash is null ? null : new Hash32(TxHash),
            new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
    }
}
