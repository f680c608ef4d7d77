using System.Numerics;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Payouts;

/// <summary>A claim a patient asked for: its offers and amounts, and where its transaction stands.</summary>
/// <param name="Indexed">The indexer has read its Claimed events (possibly before the outbox saw the receipt).</param>
public sealed record PayoutClaimView(long Id, Guid AccountId, EthAddress Patient, IReadOnlyList<ClaimItem> Items, DateTimeOffset CreatedAt, ChainWrite Write,
    bool Indexed)
{
    /// <summary>On its way: queued or sent, and not yet seen on chain.</summary>
    public bool IsPending => Write.IsPending && !Indexed;

    public bool IsPaid => Indexed || Write.Status == OutboxStatus.Confirmed;

    public BigInteger AmountOf(EthAddress token) => Items.Where(i => i.Token == token).Aggregate(BigInteger.Zero, (sum, i) => sum + i.Amount);
}
