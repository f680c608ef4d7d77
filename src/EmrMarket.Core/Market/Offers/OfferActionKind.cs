namespace EmrMarket.Core.Market.Offers;

/// <summary>What a curator asked the marketplace contract to do with an offer.</summary>
public enum OfferActionKind
{
    List,
    Reprice,
    Pause,
    Unpause,
    Delist,
}
