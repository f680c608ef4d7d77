using System.Globalization;
using Dapper;
using EmrMarket.Core.Audit;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Consent;
using EmrMarket.Data.Chain;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Audit;

public sealed class AuditRepository(NpgsqlDataSource dataSource) : IAuditStore
{
    private const string EntryColumns = """
        patient, submitter, purposes, expiry::text as Expiry, version, block_number as BlockNumber, log_index as LogIndex, block_time as BlockTime,
        tx_hash as TxHash, previous_purposes as PreviousPurposes, previous_expiry::text as PreviousExpiry, superseded_at as SupersededAt
        """;

    public async Task<IReadOnlyList<ConsentTrailEntry>> TrailAsync(ConsentTrailQuery query, CancellationToken cancellationToken)
    {
        // Newest first along the primary key, each listed change looking up the patient's change before and after it
        // (one probe each on the (patient, block, log) index), so a page costs the same whatever the trail's length.
        // mask: the purposes a grant or revocation must touch.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition($"""
            select {EntryColumns} from (
                select h.*, coalesce(p.purposes, 0::bigint) as previous_purposes, coalesce(p.expiry, 0::numeric) as previous_expiry,
                       n.block_time as superseded_at
                from chain_consent_history h
                left join lateral (select e.purposes, e.expiry from chain_consent_history e
                                   where e.patient = h.patient and (e.block_number, e.log_index) < (h.block_number, h.log_index)
                                   order by e.block_number desc, e.log_index desc limit 1) p on true
                left join lateral (select e.block_time from chain_consent_history e
                                   where e.patient = h.patient and (e.block_number, e.log_index) > (h.block_number, h.log_index)
                                   order by e.block_number, e.log_index limit 1) n on true
                where (@patient::text is null or h.patient = @patient)
                  and (@from::timestamptz is null or h.block_time >= @from) and (@to::timestamptz is null or h.block_time < @to)
                  and (@beforeBlock::bigint is null or (h.block_number, h.log_index) < (@beforeBlock, @beforeLog))
                order by h.block_number desc, h.log_index desc) x
            where case @kind
                    when 'grant' then (purposes & ~previous_purposes & @mask) <> 0
                    when 'revoke' then (previous_purposes & ~purposes & @mask) <> 0
                    else @purpose::bigint is null or ((purposes | previous_purposes) & @mask) <> 0
                  end
            order by block_number desc, log_index desc
            limit @limit
            """, new
        {
            patient = query.Patient?.ToLowerHex(), from = query.From, to = query.To, beforeBlock = (long?)query.Before?.Block,
            beforeLog = query.Before?.LogIndex ?? 0, kind = query.Kind.ToString().ToLowerInvariant(), purpose = (long?)query.Purpose,
            mask = (long)(query.Purpose ?? Purposes.All), limit = query.Limit,
        }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    public async Task<IReadOnlyList<(EthAddress Patient, ConsentTrailEntry? State)>> ConsentsAtAsync(Guid datasetId, ulong block,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AtBlockRow>(new CommandDefinition("""
            select dp.wallet as Wallet, s.patient, s.submitter, s.purposes, s.expiry::text as Expiry, s.version, s.block_number as BlockNumber,
                   s.log_index as LogIndex, s.block_time as BlockTime, s.tx_hash as TxHash, s.previous_purposes as PreviousPurposes,
                   s.previous_expiry::text as PreviousExpiry, null::timestamptz as SupersededAt
            from (select distinct wallet from dataset_patients where dataset_id = @datasetId) dp
            left join lateral (
                select h.*, coalesce(p.purposes, 0) as previous_purposes, coalesce(p.expiry, 0) as previous_expiry
                from (select * from chain_consent_history where patient = dp.wallet and block_number <= @block
                      order by block_number desc, log_index desc limit 1) h
                left join lateral (select purposes, expiry from chain_consent_history
                                   where patient = h.patient and (block_number, log_index) < (h.block_number, h.log_index)
                                   order by block_number desc, log_index desc limit 1) p on true) s on true
            order by dp.wallet
            """, new { datasetId, block = (long)block }, cancellationToken: cancellationToken));
        return rows.Select(r => (EthAddress.Parse(r.Wallet), r.Patient is null ? null : r.ToEntry())).ToList();
    }

    public async Task<IReadOnlyList<ulong>> OffersOfAsync(Hash32 manifestHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "select offer_id::text from chain_offers where manifest_hash = @hash order by offer_id", new { hash = manifestHash.ToArray() },
            cancellationToken: cancellationToken))).Select(id => ulong.Parse(id, CultureInfo.InvariantCulture)).ToList();
    }

    public async Task<IReadOnlyList<DownloadEntry>> DownloadsAsync(Guid datasetId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long OfferId, Guid AccountId, string? Email, string Wallet, long? RangeStart, long? RangeEnd, DateTime At)>(
            new CommandDefinition("""
                select d.offer_id, d.account_id, a.email, d.wallet, d.range_start, d.range_end, d.at
                from downloads d left join accounts a on a.id = d.account_id
                where d.dataset_id = @datasetId order by d.at, d.id
                """, new { datasetId }, cancellationToken: cancellationToken));
        return rows.Select(r => new DownloadEntry((ulong)r.OfferId, r.AccountId, r.Email, EthAddress.Parse(r.Wallet), r.RangeStart, r.RangeEnd,
            new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)))).ToList();
    }

    public async Task<IndexedBlock?> BlockAsync(ulong number, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Number, byte[] Hash, DateTime Time)?>(new CommandDefinition(
            "select block_number, block_hash, block_time from chain_blocks where block_number = @number", new { number = (long)number },
            cancellationToken: cancellationToken));
        return row is { } b ? new IndexedBlock((ulong)b.Number, new Hash32(b.Hash), new DateTimeOffset(DateTime.SpecifyKind(b.Time, DateTimeKind.Utc))) : null;
    }

    public async Task<Guid?> ReplacedByAsync(Guid datasetId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "select id from datasets where replaces_dataset_id = @datasetId order by created_at desc limit 1", new { datasetId },
            cancellationToken: cancellationToken));
    }

    private class EntryRow
    {
        public string? Patient { get; init; }
        public string Submitter { get; init; } = "";
        public long Purposes { get; init; }
        public string Expiry { get; init; } = "0";
        public long Version { get; init; }
        public long BlockNumber { get; init; }
        public int LogIndex { get; init; }
        public DateTime BlockTime { get; init; }
        public byte[] TxHash { get; init; } = [];
        public long PreviousPurposes { get; init; }
        public string PreviousExpiry { get; init; } = "0";
        public DateTime? SupersededAt { get; init; }

        public ConsentTrailEntry ToEntry() => new(EthAddress.Parse(Patient!), (Purpose)Purposes, (Purpose)PreviousPurposes,
            ulong.Parse(Expiry, CultureInfo.InvariantCulture), ulong.Parse(PreviousExpiry, CultureInfo.InvariantCulture), (ulong)Version,
            EthAddress.Parse(Submitter), ReadModelRows.Position(BlockNumber, LogIndex, BlockTime, TxHash),
            SupersededAt is { } s ? new DateTimeOffset(DateTime.SpecifyKind(s, DateTimeKind.Utc)) : null);
    }

    private sealed class AtBlockRow : EntryRow
    {
        public string Wallet { get; init; } = "";
    }
}
