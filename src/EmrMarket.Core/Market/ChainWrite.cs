using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Market.Internal;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market;

/// <summary>Where a marketplace write stands: its outbox row's status, its transaction once signed, and why it failed.</summary>
/// <param name="Error">For a failed write: the decoded revert explained (price changed, sold out, paused…), or the node's error.</param>
public sealed record ChainWrite(long OutboxId, OutboxStatus Status, Hash32? TransactionHash, ulong? BlockNumber, string? Error)
{
    public bool IsPending => Status is OutboxStatus.Queued or OutboxStatus.Sent;

    public static ChainWrite Of(long outboxId, OutboxStatus status, Hash32? transactionHash, ulong? blockNumber, string? lastError,
        string? revertError, string? revertReason) =>
        new(outboxId, status, transactionHash, blockNumber,
            status == OutboxStatus.Failed ? RevertExplanations.Explain(revertError, revertReason, lastError) : null);
}
