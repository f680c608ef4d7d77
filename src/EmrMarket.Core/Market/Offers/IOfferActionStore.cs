namespace EmrMarket.Core.Market.Offers;

/// <summary>The offer_actions table, and the link between datasets and the offers listing them.</summary>
public interface IOfferActionStore
{
    /// <summary>
    /// Stores the action (the same outbox row again returns the stored one); for a listing also marks a built dataset
    /// 'listing', in the same transaction.
    /// </summary>
    Task<OfferAction> RecordAsync(NewOfferAction action, CancellationToken cancellationToken);

    /// <summary>The actions on these datasets, newest first.</summary>
    Task<IReadOnlyList<OfferAction>> ForDatasetsAsync(IReadOnlyCollection<Guid> datasetIds, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: gives every dataset without an offer the indexed offer that lists its manifest hash, sets
    /// each linked dataset's status from its offer (listed, paused, delisted; superseded once a dataset replacing it is
    /// listed), and puts a dataset whose listing failed back to built. Sends a Dataset change per dataset it changed
    /// and returns their ids. Idempotent; safe to run in several instances at once.
    /// </summary>
    Task<IReadOnlyList<Guid>> SyncDatasetsAsync(CancellationToken cancellationToken);
}
