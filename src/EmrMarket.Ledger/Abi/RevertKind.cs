namespace EmrMarket.Ledger.Abi;

/// <summary>What a revert's data turned out to be.</summary>
public enum RevertKind
{
    /// <summary>No data (a bare <c>revert()</c>, or out of gas).</summary>
    Empty,
    /// <summary><c>Error(string)</c> from <c>require</c>/<c>revert("…")</c>.</summary>
    Error,
    /// <summary><c>Panic(uint256)</c>: an assertion, overflow, division by zero, bad array index…</summary>
    Panic,
    /// <summary>A custom error found by selector in the contract's ABI.</summary>
    Custom,
    /// <summary>Data that matches no known error.</summary>
    Unknown,
}
