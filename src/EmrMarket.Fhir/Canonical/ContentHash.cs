using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EmrMarket.Fhir.Canonical;

/// <summary>
/// A record's content hash: SHA-256 (FIPS 180-4) of the resource's canonical JSON (<see cref="CanonicalJson"/>).
/// The same resource, however it was formatted or its properties ordered, always has the same hash.
/// </summary>
public readonly struct ContentHash : IEquatable<ContentHash>
{
    private readonly ulong _a, _b, _c, _d;

    private ContentHash(ReadOnlySpan<byte> bytes)
    {
        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>The hash of canonical JSON bytes.</summary>
    public static ContentHash Of(ReadOnlySpan<byte> canonicalJson)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(canonicalJson, digest);
        return new ContentHash(digest);
    }

    /// <summary>A hash from its 32 bytes.</summary>
    public static ContentHash FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 32 ? new ContentHash(bytes) : throw new ArgumentException("a content hash is 32 bytes", nameof(bytes));

    /// <summary>Writes the 32 bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>The 32 bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[32];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Lower-case hex without a prefix.</summary>
    public override string ToString() => Convert.ToHexStringLower(ToArray());

    /// <inheritdoc/>
    public bool Equals(ContentHash other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ContentHash other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    /// <summary>Equality of the 32 bytes.</summary>
    public static bool operator ==(ContentHash left, ContentHash right) => left.Equals(right);

    /// <summary>Inequality of the 32 bytes.</summary>
    public static bool operator !=(ContentHash left, ContentHash right) => !left.Equals(right);
}
