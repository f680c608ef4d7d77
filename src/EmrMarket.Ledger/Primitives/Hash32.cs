namespace EmrMarket.Ledger.Primitives;

/// <summary>A 32-byte value: a Keccak-256 hash, a transaction or block hash, a topic, a Merkle node.</summary>
public readonly struct Hash32 : IEquatable<Hash32>, IComparable<Hash32>
{
    private readonly byte[]? _bytes;

    /// <summary>Copies 32 bytes into a new hash.</summary>
    /// <exception cref="LedgerFormatException">Not exactly 32 bytes.</exception>
    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32) throw new LedgerFormatException($"a 32-byte hash was expected, got {bytes.Length} bytes");
        _bytes = bytes.ToArray();
    }

    internal Hash32(byte[] bytes, bool trusted) => _bytes = trusted ? bytes : throw new ArgumentException(null, nameof(trusted));

    /// <summary>The all-zero hash.</summary>
    public static Hash32 Zero { get; } = new(new byte[32], trusted: true);

    /// <summary>The 32 bytes (read-only view).</summary>
    public ReadOnlySpan<byte> Span => _bytes ?? Zero._bytes!;

    /// <summary>A copy of the 32 bytes.</summary>
    public byte[] ToArray() => Span.ToArray();

    internal byte[] Unsafe => _bytes ?? Zero._bytes!;

    /// <summary>Parses "0x"-prefixed (or bare) hex of exactly 32 bytes.</summary>
    /// <exception cref="LedgerFormatException">Malformed hex or not 32 bytes.</exception>
    public static Hash32 Parse(string hex) => new(Hex.Decode(hex, 32, "a 32-byte hash"), trusted: true);

    /// <inheritdoc />
    public bool Equals(Hash32 other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(Span[..4]);

    /// <summary>Byte-wise (big-endian numeric) order, as used by sorted-pair Merkle hashing.</summary>
    public int CompareTo(Hash32 other) => Span.SequenceCompareTo(other.Span);

    /// <summary>Equality by value.</summary>
    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);

    /// <summary>"0x"-prefixed lowercase hex.</summary>
    public override string ToString() => Hex.Encode(Span);
}
