namespace EmrMarket.Core.Catalog;

/// <summary>One page of a catalog search and how many offers match in all.</summary>
public sealed record CatalogPage(IReadOnlyList<CatalogEntry> Entries, int Total, int Page, int PageSize)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}
