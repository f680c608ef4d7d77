using System.Globalization;
using System.Numerics;
using Dapper;
using EmrMarket.Core.Catalog;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Catalog;

public sealed class CatalogRepository(NpgsqlDataSource dataSource) : ICatalogQueries
{
    private const string Columns = """
        o.offer_id::text as OfferId, d.id as DatasetId, d.title, d.description, o.purpose, d.patient_count as PatientCount,
        d.row_count as RowCount, (d.policy->>'k')::int as K, (d.privacy->'outputRisk'->>'prosecutorHighest')::float8 as ProsecutorRisk,
        o.price::text as Price, o.token, o.status, o.licences_sold as LicencesSold, o.block_time as ListedAt
        """;

    // datasets.offer_id is bigint, chain_offers.offer_id numeric(78): offers past 2^63 have no dataset here anyway.
    private const string Joined = "chain_offers o join datasets d on d.offer_id::numeric = o.offer_id";

    private const string Matching = """
        o.status = @active
          and (@purpose = 0 or o.purpose & @purpose = @purpose)
          and (@text::text is null or d.title ilike @text or d.description ilike @text)
          and (@condition::text is null or jsonb_exists(d.cohort->'conditionCodes', @conditionCode)
               or d.title ilike @condition or d.description ilike @condition)
          and (@minPatients::int is null or d.patient_count >= @minPatients)
          and (@maxPatients::int is null or d.patient_count <= @maxPatients)
          and (@minPrice::numeric is null or o.price >= @minPrice::numeric)
          and (@maxPrice::numeric is null or o.price <= @maxPrice::numeric)
          and (@minK::int is null or (d.policy->>'k')::int >= @minK)
        """;

    public async Task<CatalogPage> SearchAsync(CatalogFilter filter, CancellationToken cancellationToken)
    {
        filter = filter.Normalized();
        var order = filter.Sort switch
        {
            CatalogSort.PriceLowest => "o.price, o.offer_id desc",
            CatalogSort.PriceHighest => "o.price desc, o.offer_id desc",
            CatalogSort.MostPatients => "d.patient_count desc, o.offer_id desc",
            _ => "o.offer_id desc",
        };
        var parameters = Parameters(filter);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition($"""
            select {Columns}, count(*) over () as Total from {Joined} where {Matching}
            order by {order} limit @limit offset @offset
            """, parameters, cancellationToken: cancellationToken))).ToList();
        // A page past the end has no rows to carry the total.
        var total = rows.Count > 0 ? (int)rows[0].Total : filter.Page == 1 ? 0
            : await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                $"select count(*)::int from {Joined} where {Matching}", parameters, cancellationToken: cancellationToken));
        return new CatalogPage(rows.Select(r => r.ToEntry()).ToList(), total, filter.Page, filter.PageSize);
    }

    private static object Parameters(CatalogFilter filter) => new
    {
        active = (short)OfferStatus.Active,
        purpose = (long)filter.Purpose,
        text = LikePattern.Contains(filter.Text),
        condition = LikePattern.Contains(filter.Condition),
        conditionCode = filter.Condition,
        filter.MinPatients,
        filter.MaxPatients,
        minPrice = filter.MinPrice?.ToString(CultureInfo.InvariantCulture),
        maxPrice = filter.MaxPrice?.ToString(CultureInfo.InvariantCulture),
        filter.MinK,
        limit = filter.PageSize,
        offset = (filter.Page - 1) * filter.PageSize,
    };

    public async Task<CatalogEntry?> OfferAsync(ulong offerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns}, 1::bigint as Total from {Joined} where o.offer_id = @offerId::numeric",
            new { offerId = offerId.ToString(CultureInfo.InvariantCulture) }, cancellationToken: cancellationToken));
        return row?.ToEntry();
    }

    public async Task<IReadOnlyList<CatalogEntry>> HeldByAsync(EthAddress holder, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            select {Columns}, 1::bigint as Total
            from chain_licences l join {Joined} on o.offer_id = l.offer_id
            where l.holder = @holder and l.balance > 0
            order by o.offer_id desc
            """, new { holder = holder.ToLowerHex() }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    public async Task<DatasetCounts> CountsAsync(Guid datasetId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var demographics = await connection.QueryAsync<(int? BirthYear, string Sex, int Patients)>(new CommandDefinition("""
            select p.birth_year, coalesce(p.gender, 'unknown'), count(*)::int
            from dataset_patients dp join patients p on p.id = dp.patient_id
            where dp.dataset_id = @datasetId
            group by 1, 2
            """, new { datasetId }, cancellationToken: cancellationToken));
        var conditions = await connection.QueryAsync<(string Code, string? Display, int Patients)>(new CommandDefinition("""
            select c.code, min(c.display), count(distinct c.patient_id)::int as patients
            from dataset_patients dp join conditions c on c.patient_id = dp.patient_id
            where dp.dataset_id = @datasetId and c.code is not null
            group by c.code
            order by patients desc, c.code
            limit 8
            """, new { datasetId }, cancellationToken: cancellationToken));
        return new DatasetCounts(demographics.ToList(), conditions.ToList());
    }

    private sealed class Row
    {
        public string OfferId { get; init; } = "";
        public Guid DatasetId { get; init; }
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public long Purpose { get; init; }
        public int PatientCount { get; init; }
        public long RowCount { get; init; }
        public int? K { get; init; }
        public double? ProsecutorRisk { get; init; }
        public string Price { get; init; } = "0";
        public string Token { get; init; } = "";
        public short Status { get; init; }
        public long LicencesSold { get; init; }
        public DateTime ListedAt { get; init; }
        public long Total { get; init; }

        public CatalogEntry ToEntry() => new(ulong.Parse(OfferId, CultureInfo.InvariantCulture), DatasetId, Title, Description, (ulong)Purpose,
            PatientCount, RowCount, K, ProsecutorRisk, BigInteger.Parse(Price, CultureInfo.InvariantCulture), EthAddress.Parse(Token),
            (OfferStatus)Status, (ulong)LicencesSold, new DateTimeOffset(DateTime.SpecifyKind(ListedAt, DateTimeKind.Utc)));
    }
}
