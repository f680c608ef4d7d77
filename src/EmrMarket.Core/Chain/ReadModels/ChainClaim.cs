using System.Numerics;
using EmrMarket.Core.Chain.Indexing.Events;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.ReadModels;

/// <summary>DataMarketplace.Claimed as indexed.</summary>
public sealed record ChainClaim(BigInteger OfferId, EthAddress Patient, BigInteger Amount, BigInteger TotalClaimed, LogPosition At);
