using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain;

/// <summary>Conversions of decoded ABI values.</summary>
public static class AbiValues
{
    /// <summary>A bytes32 value, decoded as bytes or as a topic.</summary>
    public static Hash32 Hash(object? value) => value switch
    {
        Hash32 hash => hash,
        byte[] bytes => new Hash32(bytes),
        _ => throw new InvalidCastException($"expected a bytes32 value, got {value?.GetType().Name ?? "null"}"),
    };
}
