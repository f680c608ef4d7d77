namespace EmrMarket.Ledger.Abi;

/// <summary>The kinds of Solidity ABI types (Contract ABI Specification, "Types").</summary>
public enum AbiTypeKind
{
    /// <summary><c>uintN</c>, 8 ≤ N ≤ 256, N % 8 == 0.</summary>
    UInt,
    /// <summary><c>intN</c>, two's complement.</summary>
    Int,
    /// <summary><c>address</c>: a uint160.</summary>
    Address,
    /// <summary><c>bool</c>: a uint8 restricted to 0 and 1.</summary>
    Bool,
    /// <summary><c>bytesN</c>, 1 ≤ N ≤ 32, right-padded.</summary>
    FixedBytes,
    /// <summary><c>bytes</c>: dynamic byte string.</summary>
    Bytes,
    /// <summary><c>string</c>: dynamic UTF-8 text.</summary>
    String,
    /// <summary><c>T[k]</c> (fixed) or <c>T[]</c> (dynamic).</summary>
    Array,
    /// <summary><c>(T1,…,Tn)</c>: a struct.</summary>
    Tuple,
}
