namespace EmrMarket.Core.Chain.ReadModels;

/// <summary>DataMarketplace.OfferStatus.</summary>
public enum OfferStatus : byte
{
    None = 0,
    Active = 1,
    Paused = 2,
    Delisted = 3,
}
