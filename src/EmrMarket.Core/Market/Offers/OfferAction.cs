using System.Numerics;

namespace EmrMarket.Core.Market.Offers;

/// <summary>A curator's action and where its chain write stands.</summary>
/// <param name="OfferId">The offer acted on; null for a listing (its id comes from the chain, see the dataset).</param>
public sealed record OfferAction(long Id, Guid DatasetId, ulong? OfferId, OfferActionKind Kind, BigInteger? Price, Guid AccountId,
    DateTimeOffset CreatedAt, ChainWrite Write);
