using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Indexing.Events;

/// <summary>DataMarketplace.OfferPriceChanged.</summary>
public sealed record OfferPriceChanged(LogPosition At, BigInteger OfferId, EthAddress Curator, BigInteger OldPrice, BigInteger NewPrice);
