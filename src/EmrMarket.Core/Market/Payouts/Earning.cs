using System.Numerics;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Payouts;

/// <summary>A patient's part of one dataset (and its offer, once listed): their weight, the pool so far, what they claimed.</summary>
/// <param name="LeafIndex">Their leaf in the dataset's payout tree.</param>
/// <param name="Weight">Their leaf's weight (the rows they contribute).</param>
/// <param name="Pool">Everything buyers paid into the offer's pool so far (indexed), 0 before it is listed.</param>
/// <param name="Claimed">What they have claimed from it so far (indexed).</param>
/// <param name="OfferPayoutRoot">The payout root the offer has on chain (indexed); null before it is listed.</param>
public sealed record Earning(
    Guid DatasetId,
    string Title,
    ulong Purposes,
    string DatasetStatus,
    ulong? OfferId,
    OfferStatus? OfferStatus,
    EthAddress? Token,
    int LeafIndex,
    BigInteger Weight,
    BigInteger TotalWeight,
    BigInteger Pool,
    BigInteger Claimed,
    Hash32? OfferPayoutRoot)
{
    /// <summary>pool × weight / total weight, rounded down, as the contract computes it.</summary>
    public BigInteger Entitlement => PayoutMath.Entitlement(Pool, Weight, TotalWeight);

    public BigInteger Claimable => BigInteger.Max(BigInteger.Zero, Entitlement - Claimed);

    /// <summary>Their share of the pool, 0 to 1.</summary>
    public double Share => TotalWeight.IsZero ? 0 : (double)Weight / (double)TotalWeight;
}
