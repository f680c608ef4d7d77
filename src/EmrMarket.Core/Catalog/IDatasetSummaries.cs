namespace EmrMarket.Core.Catalog;

/// <summary>Paged lists of built datasets joined with their offers' indexed state (the curator's and compliance officer's lists).</summary>
public interface IDatasetSummaries
{
    Task<DatasetSummaryPage> PageAsync(DatasetListFilter filter, CancellationToken cancellationToken);
}
