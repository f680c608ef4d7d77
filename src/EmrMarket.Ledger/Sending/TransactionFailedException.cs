using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Ledger.Sending;

/// <summary>A transaction was mined with status 0; carries the receipt and the decoded revert reason.</summary>
/// <param name="receipt">The failed transaction's receipt.</param>
/// <param name="reason">The revert, decoded by replaying the call.</param>
public sealed class TransactionFailedException(TransactionReceipt receipt, RevertReason reason)
    : Exception($"transaction {receipt.TransactionHash} reverted in block {receipt.BlockNumber}: {reason.Message}")
{
    /// <summary>The receipt.</summary>
    public TransactionReceipt Receipt { get; } = receipt;

    /// <summary>The decoded revert reason.</summary>
    public RevertReason Reason { get; } = reason;
}
