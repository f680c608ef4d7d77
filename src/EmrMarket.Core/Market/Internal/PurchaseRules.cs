using System.Numerics;
using EmrMarket.Core.Chain.ReadModels;

namespace EmrMarket.Core.Market.Internal;

/// <summary>The contract's purchase conditions, read from the indexed offer, so a request that would fail is refused first.</summary>
internal static class PurchaseRules
{
    public static string? Refusal(ChainOffer offer, DateTimeOffset now) => offer.Status switch
    {
        OfferStatus.Paused => $"offer {offer.OfferId} is paused",
        OfferStatus.Delisted => $"offer {offer.OfferId} is delisted",
        _ when offer.Terms.EndTime != 0 && (ulong)now.ToUnixTimeSeconds() >= offer.Terms.EndTime => $"offer {offer.OfferId} has ended",
        _ when offer.Terms.LicenceCap != 0 && offer.LicencesSold >= offer.Terms.LicenceCap =>
            $"offer {offer.OfferId} is sold out (all {offer.Terms.LicenceCap} licences are taken)",
        _ => null,
    };

    public static string? BalanceRefusal(TokenInfo token, BigInteger balance, BigInteger price) =>
        balance < price ? $"your balance of {token.Format(balance)} is below the price of {token.Format(price)}" : null;

    public static BigInteger Fee(BigInteger price, int feeBps) => price * feeBps / 10_000;
}
