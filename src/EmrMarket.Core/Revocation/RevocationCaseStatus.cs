namespace EmrMarket.Core.Revocation;

/// <summary>Where a revocation case stands (docs/marketplace.md, "Revocation after listing").</summary>
public enum RevocationCaseStatus
{
    /// <summary>Detected: the offer is still for sale with a patient whose consent no longer covers it.</summary>
    Open,

    /// <summary>pauseOffer is on its way to the chain.</summary>
    Pausing,

    /// <summary>Paused; the dataset is rebuilt once no further revocation has arrived for a moment.</summary>
    Rebuilding,

    /// <summary>Rebuilt; listOffer(terms, replaces = this offer) is on its way (the contract delists this offer).</summary>
    Listing,

    /// <summary>Replaced by a new version without the revoked patients; this offer is delisted.</summary>
    Done,

    /// <summary>Could not be replaced (the rebuild failed the privacy model, a transaction reverted): the offer stays paused.</summary>
    Failed,

    /// <summary>Nothing to do: the offer was delisted by other means before it could be paused.</summary>
    Closed,
}
