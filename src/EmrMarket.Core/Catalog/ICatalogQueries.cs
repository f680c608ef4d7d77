using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Catalog;

/// <summary>The researcher's catalog: offers indexed from the chain joined with their datasets, one page at a time.</summary>
public interface ICatalogQueries
{
    /// <summary>Active offers matching the filter, one page, with the total count.</summary>
    Task<CatalogPage> SearchAsync(CatalogFilter filter, CancellationToken cancellationToken);

    /// <summary>One offer whatever its status; null if the chain has no such offer or no dataset is stored for it.</summary>
    Task<CatalogEntry?> OfferAsync(ulong offerId, CancellationToken cancellationToken);

    /// <summary>The offers whose licence <paramref name="holder"/> holds (per the indexed balances), newest first.</summary>
    Task<IReadOnlyList<CatalogEntry>> HeldByAsync(EthAddress holder, CancellationToken cancellationToken);

    /// <summary>Counts over the dataset's patients for its preview charts, not yet suppressed.</summary>
    Task<DatasetCounts> CountsAsync(Guid datasetId, CancellationToken cancellationToken);
}
