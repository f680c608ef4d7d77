using Dapper;
using EmrMarket.Core.Consent;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Chain;

public sealed class ConsentReadRepository(NpgsqlDataSource dataSource) : IConsentReadModel
{
    private const string Columns = $"""
        patient, purposes, expiry::text as Expiry, version, updated_at::text as UpdatedAt, submitter, {ReadModelRows.PositionColumns}
        """;

    public async Task<ConsentState?> CurrentAsync(EthAddress patient, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from chain_consents where patient = @patient", new { patient = patient.ToLowerHex() }, cancellationToken: cancellationToken));
        return row?.ToState();
    }

    public async Task<IReadOnlyList<ConsentState>> HistoryAsync(ConsentHistoryQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            select {Columns} from (
                select h.*, lag(purposes, 1, 0::bigint) over (partition by patient order by block_number, log_index) as previous
                from chain_consent_history h where @patient::text is null or patient = @patient) x
            where (@purpose::bigint is null or ((purposes | previous) & @purpose) <> 0)
              and (@from::timestamptz is null or block_time >= @from) and (@to::timestamptz is null or block_time < @to)
            order by block_number desc, log_index desc
            limit @limit
            """,
            new { patient = query.Patient?.ToLowerHex(), purpose = (long?)query.Purpose, from = query.From, to = query.To, limit = query.Limit },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToState()).ToList();
    }

    public async Task<IReadOnlyList<ConsentState>> ConsentingAtAsync(ulong block, ulong blockTimestamp, Purpose purposes, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            select {Columns} from (
                select distinct on (patient) * from chain_consent_history where block_number <= @block
                order by patient, block_number desc, log_index desc) latest
            where purposes & @purposes = @purposes and (expiry = 0 or expiry > @blockTimestamp)
            order by patient
            """, new { block = (long)block, blockTimestamp = (decimal)blockTimestamp, purposes = (long)purposes }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToState()).ToList();
    }

    private sealed class Row
    {
        public string Patient { get; init; } = "";
        public long Purposes { get; init; }
        public string Expiry { get; init; } = "0";
        public long Version { get; init; }
        public string UpdatedAt { get; init; } = "0";
        public string Submitter { get; init; } = "";
        public long BlockNumber { get; init; }
        public int LogIndex { get; init; }
        public DateTime BlockTime { get; init; }
        public byte[] TxHash { get; init; } = [];

        public ConsentState ToState() => new(ReadModelRows.Address(Patient), (Purpose)Purposes, ulong.Parse(Expiry, System.Globalization.CultureInfo.InvariantCulture),
            (ulong)Version, ulong.Parse(UpdatedAt, System.Globalization.CultureInfo.InvariantCulture), ReadModelRows.Address(Submitter),
            ReadModelRows.Position(BlockNumber, LogIndex, BlockTime, TxHash));
    }
}
