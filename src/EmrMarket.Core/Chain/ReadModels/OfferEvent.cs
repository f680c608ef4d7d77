using System.Numerics;
using EmrMarket.Core.Chain.Indexing.Events;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.ReadModels;

/// <summary>An entry of an offer's history: listed (with its price), repriced, or a status change.</summary>
/// <param name="Kind">"listed", "price" or "status".</param>
public sealed record OfferEvent(BigInteger OfferId, string Kind, EthAddress Curator, BigInteger? Price, OfferStatus? Status, LogPosition At);
