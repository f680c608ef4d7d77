using System.Numerics;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>What the researcher accepted: the price they saw (the most they pay) and the agreement version they read.</summary>
public sealed record PurchaseAcceptance(BigInteger AcceptedPrice, string TermsVersion);
