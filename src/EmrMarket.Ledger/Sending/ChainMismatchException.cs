namespace EmrMarket.Ledger.Sending;

/// <summary>The node serves another chain than the one transactions are signed for (EIP-155 chain id).</summary>
/// <param name="expected">The configured chain id.</param>
/// <param name="actual">The node's chain id.</param>
public sealed class ChainMismatchException(ulong expected, ulong actual)
    : Exception($"the node reports chain id {actual}, but transactions are signed for chain {expected}")
{
    /// <summary>The configured chain id.</summary>
    public ulong Expected { get; } = expected;

    /// <summary>The node's chain id.</summary>
    public ulong Actual { get; } = actual;
}
