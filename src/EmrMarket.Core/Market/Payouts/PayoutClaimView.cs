using System.Numerics;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Payouts;

/// <summary>A claim a patient asked for: its offers and amounts, and where its transaction stands.</summary>
public sealed record PayoutClaimView(long Id, Guid AccountId, EthAddress Patient, IReadOnlyList<ClaimItem> Items, DateTimeOffset CreatedAt, ChainWrite Write)
{
    public bool IsPending => Write.IsPending;

    public bool IsPaid => Write.Status == OutboxStatus.Confirmed;

    public BigInteger AmountOf(EthAddress token) => Items.Where(i => i.Token == token).Aggregate(BigInteger.Zero, (sum, i) => sum + i.Amount);
}
