using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Indexing.Events;

/// <summary>DataMarketplace.Claimed.</summary>
public sealed record Claimed(LogPosition At, BigInteger OfferId, EthAddress Patient, BigInteger Amount, BigInteger TotalClaimed);
