using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Transactions;

namespace EmrMarket.Core.Chain.Internal;

/// <summary>A signed row the sender is waiting on.</summary>
internal sealed class Flight(OutboxEntry row, SignedTransaction signed)
{
    public OutboxEntry Row { get; } = row;

    public SignedTransaction Signed { get; } = signed;

    public ulong Nonce => Signed.Transaction.Nonce;

    public long LastBroadcast { get; set; }
}
