using EmrMarket.Ledger.Abi;

namespace EmrMarket.Ledger.Rpc;

/// <summary>
/// A call, gas estimate or transaction reverted. Carries the node's message and the decoded revert
/// (<c>Error(string)</c>, <c>Panic(uint256)</c> or a custom error).
/// </summary>
/// <param name="what">What reverted (a method, a function signature, a transaction hash).</param>
/// <param name="reason">The decoded revert.</param>
/// <param name="nodeMessage">The node's message, verbatim, when the node reported it.</param>
/// <param name="inner">The node's error.</param>
public sealed class ContractRevertException(string what, RevertReason reason, string? nodeMessage = null, Exception? inner = null)
    : Exception($"{what} reverted: {reason.Message}", inner)
{
    /// <summary>The decoded revert.</summary>
    public RevertReason Reason { get; } = reason;

    /// <summary>The node's message, verbatim, or null.</summary>
    public string? NodeMessage { get; } = nodeMessage;
}
