namespace EmrMarket.Core.Market;

/// <summary>The outbox kinds the marketplace writes (see <see cref="Chain.Outbox.OutboxKinds"/> for the chain module's).</summary>
public static class MarketOutboxKinds
{
    public const string ListOffer = "list-offer";
    public const string OfferChange = "offer-change";
    public const string RevocationPause = "revocation-pause";
    public const string RevocationList = "revocation-list";
    public const string Purchase = "purchase";
    public const string Claim = "claim";
    public const string Faucet = "faucet";
}
