using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Payouts;

/// <summary>One offer in a claim: the leaf's weight and proof, the entitlement it proves, and what it pays now (entitlement − claimed).</summary>
public sealed record ClaimItem(ulong OfferId, Guid DatasetId, EthAddress Token, BigInteger Weight, BigInteger Entitlement, BigInteger Amount,
    IReadOnlyList<Hash32> Proof);
