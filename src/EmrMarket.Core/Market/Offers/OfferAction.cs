using System.Numerics;

namespace EmrMarket.Core.Market.Offers;

/// <summary>A curator's action and where its chain write stands.</summary>
/// <param name="OfferId">The offer acted on; null for a listing (its id comes from the chain, see the dataset).</param>
/// <param name="AccountId">The curator who asked; null for the platform's own actions (revocation after listing).</param>
/// <param name="Indexed">The indexer has read the event its transaction emitted (possibly before the outbox saw the receipt).</param>
public sealed record OfferAction(long Id, Guid DatasetId, ulong? OfferId, OfferActionKind Kind, BigInteger? Price, Guid? AccountId,
    DateTimeOffset CreatedAt, ChainWrite Write, bool Indexed)
{
    /// <summary>On its way: queued or sent, and not yet seen on chain.</summary>
    public bool IsPending => Write.IsPending && !Indexed;
}
