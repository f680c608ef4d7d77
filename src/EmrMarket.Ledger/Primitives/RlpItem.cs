using System.Numerics;

namespace EmrMarket.Ledger.Primitives;

/// <summary>
/// A decoded RLP item (Yellow Paper appendix B): either a byte string or a list of items.
/// </summary>
public sealed class RlpItem
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly IReadOnlyList<RlpItem>? _items;

    internal RlpItem(ReadOnlyMemory<byte> bytes, ReadOnlyMemory<byte> encoded)
    {
        _bytes = bytes;
        Encoded = encoded;
    }

    internal RlpItem(IReadOnlyList<RlpItem> items, ReadOnlyMemory<byte> encoded)
    {
        _items = items;
        Encoded = encoded;
    }

    /// <summary>True for a list, false for a byte string.</summary>
    public bool IsList => _items is not null;

    /// <summary>The item's own encoding, prefix included.</summary>
    public ReadOnlyMemory<byte> Encoded { get; }

    /// <summary>The payload of a byte string.</summary>
    /// <exception cref="RlpException">The item is a list.</exception>
    public ReadOnlyMemory<byte> Bytes => _items is null ? _bytes : throw new RlpException("expected an RLP byte string, found a list");

    /// <summary>The elements of a list.</summary>
    /// <exception cref="RlpException">The item is a byte string.</exception>
    public IReadOnlyList<RlpItem> Items => _items ?? throw new RlpException("expected an RLP list, found a byte string");

    /// <summary>
    /// The byte string read as a big-endian unsigned integer with no leading zeros (the canonical
    /// scalar encoding).
    /// </summary>
    /// <exception cref="RlpException">A list, or a non-canonical integer.</exception>
    public BigInteger ToBigInteger()
    {
        var span = Bytes.Span;
        if (span.Length > 0 && span[0] == 0) throw new RlpException("an RLP integer must not have leading zero bytes");
        if (span.Length > 32) throw new RlpException($"an RLP integer of {span.Length} bytes exceeds 256 bits");
        return new BigInteger(span, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>The integer as a 64-bit value.</summary>
    /// <exception cref="RlpException">A list, non-canonical, or larger than 64 bits.</exception>
    public ulong ToUInt64()
    {
        var value = ToBigInteger();
        return value <= ulong.MaxValue ? (ulong)value : throw new RlpException($"RLP integer {value} exceeds 64 bits");
    }
}
