namespace EmrMarket.Core.Catalog;

public sealed record DatasetSummaryPage(IReadOnlyList<DatasetSummary> Datasets, int Total, int Page, int PageSize)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}
