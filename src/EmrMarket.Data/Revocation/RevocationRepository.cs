using System.Data;
using System.Globalization;
using Dapper;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Revocation;
using EmrMarket.Data.Chain;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Revocation;

public sealed class RevocationRepository(NpgsqlDataSource dataSource) : IRevocationStore
{
    private const string LockName = "emr:revocation-worker";

    private const string CaseColumns = """
        offer_id::text as OfferId, dataset_id as DatasetId, status, attempt, pause_outbox_id as PauseOutboxId, new_dataset_id as NewDatasetId,
        list_outbox_id as ListOutboxId, new_offer_id::text as NewOfferId, failure, last_detected_at as LastDetectedAt, opened_at as OpenedAt,
        updated_at as UpdatedAt
        """;

    public async Task<IAsyncDisposable?> TryLockAsync(CancellationToken cancellationToken)
    {
        var connection = await AdvisoryLocks.TryTakeAsync(dataSource, LockName, cancellationToken);
        return connection is null ? null : new AdvisoryLocks.Held(connection, LockName);
    }

    public async Task<RevocationDetection> DetectChangesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var cursor = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "select block_number from chain_cursor where id = 1", transaction: transaction, cancellationToken: cancellationToken));
        if (cursor is null) return new RevocationDetection(0, 0);
        var checkpoint = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "select block_number from revocation_checkpoint where id = 1 for update", transaction: transaction, cancellationToken: cancellationToken));
        // After a rewind the checkpoint may stand past the cursor: nothing new to read; the sweeps re-check the offers.
        var from = Math.Min(checkpoint ?? -1, cursor.Value);
        var found = from >= cursor.Value ? []
            : await AffectedAsync(connection, transaction,
                "dp.wallet in (select patient from chain_consent_history where block_number > @from and block_number <= @to)",
                new { from, to = cursor.Value }, cancellationToken);
        var result = await RecordAsync(connection, transaction, found, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into revocation_checkpoint (id, block_number) values (1, @cursor)
            on conflict (id) do update set block_number = excluded.block_number, updated_at = now()
            """, new { cursor }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return result with { FromBlock = (ulong)(from + 1), ToBlock = (ulong)cursor.Value };
    }

    public async Task<RevocationDetection> SweepAsync(IReadOnlyCollection<ulong>? offerIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var found = await AffectedAsync(connection, transaction, offerIds is null ? "true" : "o.offer_id = any(@offers::numeric[])",
            new { offers = offerIds?.Select(o => o.ToString(CultureInfo.InvariantCulture)).ToArray() }, cancellationToken);
        var result = await RecordAsync(connection, transaction, found, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Patients of datasets on sale who were covered for the offer's purpose at the dataset's consent block and are no
    /// longer covered at the cursor's block time (hasConsent's rule: all purpose bits granted, expiry 0 or later): they
    /// revoked, or their consent expired, after the snapshot the dataset was built from. A patient not covered at the
    /// snapshot never consented to what the dataset holds, so no revocation of theirs can be what changed; such datasets
    /// are the builder's error, not a case. Offers that can no longer sell (ended, sold out) are left alone.
    /// </summary>
    private static async Task<List<AffectedRow>> AffectedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string filter,
        object parameters, CancellationToken cancellationToken)
    {
        var arguments = new DynamicParameters(parameters);
        return (await connection.QueryAsync<AffectedRow>(new CommandDefinition($"""
            with head as (
                select coalesce((select extract(epoch from b.block_time) from chain_cursor c join chain_blocks b on b.block_number = c.block_number),
                                extract(epoch from now()))::numeric as now)
            select o.offer_id::text as OfferId, d.id as DatasetId, dp.wallet, o.purpose as OfferPurpose, c.purposes as Granted, c.expiry::text as Expiry,
                   c.version, c.block_number as ConsentBlock, c.log_index as ConsentLogIndex, c.tx_hash as ConsentTx
            from head, chain_offers o
            join datasets d on d.manifest_hash = o.manifest_hash
            join dataset_patients dp on dp.dataset_id = d.id
            join lateral (
                select s.purposes, s.expiry from chain_consent_history s
                where s.patient = dp.wallet and s.block_number <= d.consent_block
                order by s.block_number desc, s.log_index desc limit 1) snap on true
            join chain_consents c on c.patient = dp.wallet
            where o.status = 1
              and (o.end_time = 0 or o.end_time > head.now)
              and (o.licence_cap = 0 or o.licences_sold < o.licence_cap)
              and (snap.purposes & o.purpose) = o.purpose
              and (snap.expiry = 0 or snap.expiry > (
                    select extract(epoch from b.block_time)::numeric from chain_blocks b
                    where b.block_number <= d.consent_block order by b.block_number desc limit 1))
              and ((c.purposes & o.purpose) <> o.purpose or (c.expiry <> 0 and c.expiry <= head.now))
              and ({filter})
            order by o.offer_id, dp.wallet
            """, arguments, transaction, cancellationToken: cancellationToken))).ToList();
    }

    private static async Task<RevocationDetection> RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<AffectedRow> found,
        CancellationToken cancellationToken)
    {
        int cases = 0, patients = 0;
        foreach (var offer in found.GroupBy(r => (r.OfferId, r.DatasetId)))
        {
            var opened = await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition("""
                insert into revocation_cases (offer_id, dataset_id, status) values (@offerId::numeric, @datasetId, 'open')
                on conflict (offer_id) do update set status = 'open', attempt = revocation_cases.attempt + 1, pause_outbox_id = null,
                    new_dataset_id = null, list_outbox_id = null, failure = null, last_detected_at = now(), updated_at = now()
                where revocation_cases.status in ('failed', 'closed')
                returning xmax = 0
                """, new { offer.Key.OfferId, offer.Key.DatasetId }, transaction, cancellationToken: cancellationToken));
            if (opened is not null) cases++;
            if (opened == false)
                await InsertActionAsync(connection, transaction, offer.Key.OfferId, offer.Key.DatasetId, RevocationStep.Reopened, null,
                    $"the offer is for sale again with {offer.Count()} patients whose consent does not cover it", cancellationToken);
            var added = 0;
            foreach (var row in offer)
            {
                added += await connection.ExecuteAsync(new CommandDefinition("""
                    insert into revocation_actions (offer_id, dataset_id, step, wallet, consent_block, consent_log_index, consent_tx, detail)
                    values (@OfferId::numeric, @DatasetId, 'detected', @Wallet, @ConsentBlock, @ConsentLogIndex, @ConsentTx, @Detail)
                    on conflict (offer_id, wallet) where step = 'detected' do nothing
                    """, new { row.OfferId, row.DatasetId, row.Wallet, row.ConsentBlock, row.ConsentLogIndex, row.ConsentTx, Detail = row.Describe() },
                    transaction, cancellationToken: cancellationToken));
            }
            if (added > 0 && opened is null)
                await connection.ExecuteAsync(new CommandDefinition(
                    "update revocation_cases set last_detected_at = now(), updated_at = now() where offer_id = @OfferId::numeric",
                    new { offer.Key.OfferId }, transaction, cancellationToken: cancellationToken));
            patients += added;
        }
        return new RevocationDetection(cases, patients);
    }

    public async Task<IReadOnlyList<RevocationCase>> CasesAsync(bool includeFinished, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<CaseRow>(new CommandDefinition(
            $"select {CaseColumns} from revocation_cases where @all or status not in ('done', 'closed') order by opened_at, offer_id",
            new { all = includeFinished }, cancellationToken: cancellationToken))).Select(r => r.ToCase()).ToList();
    }

    public async Task<RevocationCase?> FindAsync(ulong offerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(
            $"select {CaseColumns} from revocation_cases where offer_id = @offerId::numeric", new { offerId = Text(offerId) },
            cancellationToken: cancellationToken)))?.ToCase();
    }

    public async Task<bool> TransitionAsync(RevocationCaseStatus expected, RevocationCase next, IReadOnlyList<NewRevocationStep> steps,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            update revocation_cases set status = @Status, attempt = @Attempt, pause_outbox_id = @PauseOutboxId, new_dataset_id = @NewDatasetId,
                list_outbox_id = @ListOutboxId, new_offer_id = @NewOfferId::numeric, failure = @Failure, last_detected_at = @LastDetectedAt,
                updated_at = @UpdatedAt
            where offer_id = @OfferId::numeric and status = @Expected
            """, new
        {
            OfferId = Text(next.OfferId), Status = Name(next.Status), next.Attempt, next.PauseOutboxId, next.NewDatasetId, next.ListOutboxId,
            NewOfferId = next.NewOfferId is { } n ? Text(n) : null, next.Failure, next.LastDetectedAt, next.UpdatedAt, Expected = Name(expected),
        }, transaction, cancellationToken: cancellationToken));
        if (changed == 0) return false;
        foreach (var step in steps)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into revocation_actions (offer_id, dataset_id, step, outbox_id, tx_hash, new_dataset_id, new_offer_id, detail)
                values (@OfferId::numeric, @DatasetId, @Step, @OutboxId, @TxHash, @NewDatasetId, @NewOfferId::numeric, @Detail)
                """, new
            {
                OfferId = Text(next.OfferId), next.DatasetId, Step = Name(step.Step), step.OutboxId, TxHash = step.TransactionHash?.ToArray(),
                step.NewDatasetId, NewOfferId = step.NewOfferId is { } o ? Text(o) : null, step.Detail,
            }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<RevocationAction>> ActionsAsync(ulong? offerId, Guid? datasetId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ActionRow>(new CommandDefinition("""
            select id, offer_id::text as OfferId, dataset_id as DatasetId, step, wallet, consent_block as ConsentBlock,
                   consent_log_index as ConsentLogIndex, consent_tx as ConsentTx, outbox_id as OutboxId, tx_hash as TxHash,
                   new_dataset_id as NewDatasetId, new_offer_id::text as NewOfferId, detail, at
            from revocation_actions
            where (@offerId::numeric is null or offer_id = @offerId::numeric)
              and (@datasetId::uuid is null or offer_id in (select offer_id from revocation_actions where dataset_id = @datasetId or new_dataset_id = @datasetId))
            order by id
            """, new { offerId = offerId is { } o ? Text(o) : null, datasetId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToAction()).ToList();
    }

    public async Task<ulong?> ReplacementAsync(ulong offerId, Hash32 manifestHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var id = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("""
            select offer_id::text from chain_offers where replaces_offer_id = @offerId::numeric and manifest_hash = @manifestHash
            order by offer_id limit 1
            """, new { offerId = Text(offerId), manifestHash = manifestHash.ToArray() }, cancellationToken: cancellationToken));
        return id is null ? null : ulong.Parse(id, CultureInfo.InvariantCulture);
    }

    private static Task InsertActionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string offerId, Guid datasetId,
        RevocationStep step, string? wallet, string detail, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            insert into revocation_actions (offer_id, dataset_id, step, wallet, detail) values (@offerId::numeric, @datasetId, @step, @wallet, @detail)
            """, new { offerId, datasetId, step = Name(step), wallet, detail }, transaction, cancellationToken: cancellationToken));

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Name(RevocationCaseStatus status) => status.ToString().ToLowerInvariant();

    internal static string Name(RevocationStep step) => string.Concat(step.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));

    private sealed class AffectedRow
    {
        public string OfferId { get; init; } = "";
        public Guid DatasetId { get; init; }
        public string Wallet { get; init; } = "";
        public long OfferPurpose { get; init; }
        public long Granted { get; init; }
        public string Expiry { get; init; } = "0";
        public long Version { get; init; }
        public long ConsentBlock { get; init; }
        public int ConsentLogIndex { get; init; }
        public byte[] ConsentTx { get; init; } = [];

        public string Describe()
        {
            var needs = Purposes.Describe((Purpose)OfferPurpose);
            var expiry = ulong.Parse(Expiry, CultureInfo.InvariantCulture);
            var missing = (Purpose)(OfferPurpose & ~Granted);
            return missing != Purpose.None
                ? $"consent version {Version} grants {Purposes.Describe((Purpose)Granted)}; the offer needs {needs} ({Purposes.Describe(missing)} missing)"
                : $"consent version {Version} expired at {DateTimeOffset.FromUnixTimeSeconds((long)expiry):u}; the offer needs {needs}";
        }
    }

    private sealed class CaseRow
    {
        public string OfferId { get; init; } = "";
        public Guid DatasetId { get; init; }
        public string Status { get; init; } = "";
        public int Attempt { get; init; }
        public long? PauseOutboxId { get; init; }
        public Guid? NewDatasetId { get; init; }
        public long? ListOutboxId { get; init; }
        public string? NewOfferId { get; init; }
        public string? Failure { get; init; }
        public DateTime LastDetectedAt { get; init; }
        public DateTime OpenedAt { get; init; }
        public DateTime UpdatedAt { get; init; }

        public RevocationCase ToCase() => new(ulong.Parse(OfferId, CultureInfo.InvariantCulture), DatasetId, Enum.Parse<RevocationCaseStatus>(Status, true),
            Attempt, PauseOutboxId, NewDatasetId, ListOutboxId, NewOfferId is null ? null : ulong.Parse(NewOfferId, CultureInfo.InvariantCulture), Failure,
            Utc(LastDetectedAt), Utc(OpenedAt), Utc(UpdatedAt));
    }

    private sealed class ActionRow
    {
        public long Id { get; init; }
        public string OfferId { get; init; } = "";
        public Guid DatasetId { get; init; }
        public string Step { get; init; } = "";
        public string? Wallet { get; init; }
        public long? ConsentBlock { get; init; }
        public int? ConsentLogIndex { get; init; }
        public byte[]? ConsentTx { get; init; }
        public long? OutboxId { get; init; }
        public byte[]? TxHash { get; init; }
        public Guid? NewDatasetId { get; init; }
        public string? NewOfferId { get; init; }
        public string Detail { get; init; } = "";
        public DateTime At { get; init; }

        public RevocationAction ToAction() => new(Id, ulong.Parse(OfferId, CultureInfo.InvariantCulture), DatasetId,
            Enum.Parse<RevocationStep>(Step.Replace("-", "", StringComparison.Ordinal), true), Wallet is null ? null : EthAddress.Parse(Wallet),
            ConsentBlock is { } block && ConsentTx is not null ? new ConsentEventRef((ulong)block, ConsentLogIndex ?? 0, new Hash32(ConsentTx)) : null,
            OutboxId, TxHash is null ? null : new Hash32(TxHash), NewDatasetId, NewOfferId is null ? null : ulong.Parse(NewOfferId, CultureInfo.InvariantCulture),
            Detail, Utc(At));
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
