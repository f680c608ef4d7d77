namespace EmrMarket.Core.Catalog;

/// <summary>Which datasets to list, newest first; <see cref="Offer"/> narrows by the state of their offer on chain.</summary>
public sealed record DatasetListFilter(string? Text = null, DatasetOfferState Offer = DatasetOfferState.Any, int Page = 1, int PageSize = 25);

public enum DatasetOfferState
{
    Any,

    /// <summary>Built but not (yet) an offer on chain.</summary>
    Unlisted,

    Active,

    /// <summary>Paused on chain: the revocation queue (offers waiting for a rebuild without revoked patients).</summary>
    Paused,

    Delisted,
}
