using System.Globalization;
using System.Numerics;
using Dapper;
using EmrMarket.Core.Catalog;
using EmrMarket.Core.Chain.ReadModels;
using Npgsql;

namespace EmrMarket.Data.Catalog;

public sealed class DatasetSummaryRepository(NpgsqlDataSource dataSource) : IDatasetSummaries
{
    public async Task<DatasetSummaryPage> PageAsync(DatasetListFilter filter, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var state = filter.Offer switch
        {
            DatasetOfferState.Unlisted => "o.offer_id is null",
            DatasetOfferState.Active => $"o.status = {(int)OfferStatus.Active}",
            DatasetOfferState.Paused => $"o.status = {(int)OfferStatus.Paused}",
            DatasetOfferState.Delisted => $"o.status = {(int)OfferStatus.Delisted}",
            _ => "true",
        };
        var text = LikePattern.Contains(filter.Text);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition($"""
            select d.id, d.title, d.status, d.purposes, d.patient_count as PatientCount, d.row_count as RowCount,
                   d.consent_block as ConsentBlock, d.created_by as CreatedBy, d.created_at as CreatedAt, d.offer_id as OfferId,
                   o.status as OfferStatus, o.price::text as Price, coalesce(o.licences_sold, 0) as LicencesSold,
                   count(*) over () as Total
            from datasets d left join chain_offers o on o.offer_id = d.offer_id::numeric
            where {state} and (@text::text is null or d.title ilike @text)
            order by d.created_at desc, d.id
            limit @size offset @offset
            """, new { text, size, offset = (page - 1) * size }, cancellationToken: cancellationToken))).ToList();
        return new DatasetSummaryPage(rows.Select(r => r.ToSummary()).ToList(), rows.Count > 0 ? (int)rows[0].Total : 0, page, size);
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public long Purposes { get; init; }
        public int PatientCount { get; init; }
        public long RowCount { get; init; }
        public long ConsentBlock { get; init; }
        public string CreatedBy { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public long? OfferId { get; init; }
        public short? OfferStatus { get; init; }
        public string? Price { get; init; }
        public long LicencesSold { get; init; }
        public long Total { get; init; }

        public DatasetSummary ToSummary() => new(Id, Title, Status, (ulong)Purposes, PatientCount, RowCount, (ulong)ConsentBlock, CreatedBy,
            new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)), (ulong?)OfferId, (OfferStatus?)OfferStatus,
            Price is null ? null : BigInteger.Parse(Price, CultureInfo.InvariantCulture), (ulong)LicencesSold);
    }
}
