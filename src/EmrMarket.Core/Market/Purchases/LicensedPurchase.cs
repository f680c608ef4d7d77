using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>The indexed Purchased event of a purchase: what was paid, the fee, which licence it was, where.</summary>
public sealed record LicensedPurchase(BigInteger Price, BigInteger Fee, ulong LicenceNumber, ulong BlockNumber, Hash32 TransactionHash);
