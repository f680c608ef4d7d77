using System.Numerics;

namespace EmrMarket.Core.Market.Offers;

/// <summary>A curator's action as queued: its outbox row and, for a listing or a new price, the price.</summary>
/// <param name="AccountId">The curator who asked; null for the platform's own actions (revocation after listing).</param>
public sealed record NewOfferAction(Guid DatasetId, ulong? OfferId, OfferActionKind Kind, BigInteger? Price, long OutboxId, Guid? AccountId);
