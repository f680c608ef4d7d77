using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Indexing.Events;

/// <summary>DataMarketplace.OfferListed.</summary>
public sealed record OfferListed(LogPosition At, BigInteger OfferId, EthAddress Curator, BigInteger ReplacesOfferId, OfferTerms Terms);
