using Org.BouncyCastle.Crypto.Digests;

namespace EmrMarket.Ledger.Primitives;

/// <summary>
/// Keccak-256, the hash Ethereum uses everywhere (the original Keccak padding, not NIST SHA3-256;
/// Yellow Paper §3). One digest per thread, so hashing allocates only the result.
/// </summary>
public static class Keccak256
{
    [ThreadStatic] private static KeccakDigest? _digest;

    /// <summary>The hash of <paramref name="data"/>.</summary>
    public static Hash32 Hash(byte[] data) => Hash(data, 0, data.Length);

    /// <summary>The hash of a slice of <paramref name="data"/>.</summary>
    public static Hash32 Hash(byte[] data, int offset, int count)
    {
        var output = new byte[32];
        HashInto(data, offset, count, output, 0);
        return new Hash32(output, trusted: true);
    }

    /// <summary>The hash of <paramref name="data"/>.</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> data) => Hash(data.ToArray());

    /// <summary>The hash of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static Hash32 Hash(string text) => Hash(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Hashes a slice of <paramref name="data"/> into 32 bytes of <paramref name="output"/>.</summary>
    public static void HashInto(byte[] data, int offset, int count, byte[] output, int outputOffset)
    {
        var digest = _digest ??= new KeccakDigest(256);
        digest.BlockUpdate(data, offset, count);
        digest.DoFinal(output, outputOffset);
    }
}
