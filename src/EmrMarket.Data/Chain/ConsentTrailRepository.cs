using Dapper;
using EmrMarket.Core.Consent;
using Npgsql;

namespace EmrMarket.Data.Chain;

/// <summary>
/// The trail newest first by the primary key (block, log), keyset-paged; each change's previous consent is the
/// patient's change before it, one index probe per listed row.
/// </summary>
public sealed class ConsentTrailRepository(NpgsqlDataSource dataSource) : IConsentTrail
{
    public async Task<ConsentTrailPage> PageAsync(ConsentTrailFilter filter, CancellationToken cancellationToken)
    {
        var (exact, prefix) = filter.PatientMatch();
        var size = Math.Clamp(filter.PageSize, 1, ConsentTrailFilter.MaxPageSize);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ConsentHistoryRow>(new CommandDefinition($"""
            select h.patient, h.purposes, h.expiry::text as Expiry, h.version, h.updated_at::text as UpdatedAt, h.submitter,
                   h.block_number as BlockNumber, h.log_index as LogIndex, h.block_time as BlockTime, h.tx_hash as TxHash,
                   coalesce(p.purposes, 0) as Previous
            from chain_consent_history h
            left join lateral (
                select purposes from chain_consent_history e
                where e.patient = h.patient and (e.block_number < h.block_number or (e.block_number = h.block_number and e.log_index < h.log_index))
                order by e.block_number desc, e.log_index desc limit 1) p on true
            where (@exact::text is null or h.patient = @exact) and (@prefix::text is null or h.patient like @prefix || '%')
              and (@from::timestamptz is null or h.block_time >= @from) and (@to::timestamptz is null or h.block_time < @to)
              and (@beforeBlock::bigint is null or (h.block_number, h.log_index) < (@beforeBlock, @beforeLog))
              and (@purpose::bigint is null or ((h.purposes | coalesce(p.purposes, 0)) & @purpose) <> 0)
              and (@change = 0 or (@change = 1 and h.purposes & ~coalesce(p.purposes, 0) <> 0)
                               or (@change = 2 and coalesce(p.purposes, 0) & ~h.purposes <> 0))
            order by h.block_number desc, h.log_index desc
            limit @limit
            """, new
        {
            exact, prefix, from = filter.From, to = filter.To,
            beforeBlock = (long?)filter.Before?.Block, beforeLog = filter.Before?.LogIndex ?? 0,
            purpose = (long?)filter.Purpose, change = (int)filter.Change, limit = size + 1,
        }, cancellationToken: cancellationToken))).ToList();
        var entries = rows.Take(size).Select(r => new ConsentTrailEntry(r.ToState(), (Purpose)r.Previous)).ToList();
        return new ConsentTrailPage(entries, rows.Count > size ? entries[^1].Position : null);
    }
}
