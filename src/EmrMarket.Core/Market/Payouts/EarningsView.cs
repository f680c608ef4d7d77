using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Payouts;

/// <summary>The patient's earnings page: every dataset that includes them, per offer weight, pool, entitlement, claimed and claimable.</summary>
/// <param name="PendingClaim">A claim still on its way, if any.</param>
public sealed record EarningsView(EthAddress Wallet, IReadOnlyList<Earning> Items, IReadOnlyDictionary<EthAddress, TokenInfo> Tokens, PayoutClaimView? PendingClaim)
{
    public BigInteger ClaimableOf(EthAddress token) => Items.Where(i => i.Token == token).Aggregate(BigInteger.Zero, (sum, i) => sum + i.Claimable);

    public BigInteger ClaimedOf(EthAddress token) => Items.Where(i => i.Token == token).Aggregate(BigInteger.Zero, (sum, i) => sum + i.Claimed);
}
