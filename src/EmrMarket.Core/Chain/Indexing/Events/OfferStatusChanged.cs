using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Indexing.Events;

/// <summary>DataMarketplace.OfferStatusChanged: 1 active, 2 paused, 3 delisted.</summary>
public sealed record OfferStatusChanged(LogPosition At, BigInteger OfferId, EthAddress Curator, byte Status);
