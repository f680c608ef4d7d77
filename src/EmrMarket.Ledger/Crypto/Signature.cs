using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Crypto;

/// <summary>
/// A secp256k1 ECDSA signature with its recovery id (0 or 1; 2 and 3 are possible in theory but
/// never produced by <see cref="PrivateKey.Sign(Hash32)"/> in practice).
/// </summary>
public sealed record Signature
{
    private static readonly BigInteger N = BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337");
    private static readonly BigInteger HalfN = N / 2;

    /// <summary>Validates r, s and the recovery id; a high s is rejected (EIP-2).</summary>
    /// <exception cref="SignatureException">A value out of range or a high s.</exception>
    public Signature(BigInteger r, BigInteger s, int recoveryId)
    {
        if (r.Sign <= 0 || r >= N) throw new SignatureException("signature r must be in [1, n-1]");
        if (s.Sign <= 0 || s >= N) throw new SignatureException("signature s must be in [1, n-1]");
        if (s > HalfN) throw new SignatureException("signature s is in the upper half of the curve order (EIP-2 requires low s)");
        if (recoveryId is < 0 or > 3) throw new SignatureException($"recovery id must be 0..3, got {recoveryId}");
        R = r;
        S = s;
        RecoveryId = recoveryId;
    }

    /// <summary>The r value.</summary>
    public BigInteger R { get; }

    /// <summary>The s value, always in the lower half of the curve order.</summary>
    public BigInteger S { get; }

    /// <summary>The recovery id (y parity of the nonce point, plus 2 when r overflowed n).</summary>
    public int RecoveryId { get; }

    /// <summary>The 65-byte form r‖s‖v with v = 27 + recovery id (EIP-191 / eth_sign convention).</summary>
    public byte[] ToBytes()
    {
        var result = new byte[65];
        // Left-padded to 32 bytes each: an r or s below 2^248 has fewer bytes.
        var rLength = R.GetByteCount(isUnsigned: true);
        var sLength = S.GetByteCount(isUnsigned: true);
        R.TryWriteBytes(result.AsSpan(32 - rLength, rLength), out _, isUnsigned: true, isBigEndian: true);
        S.TryWriteBytes(result.AsSpan(64 - sLength, sLength), out _, isUnsigned: true, isBigEndian: true);
        result[64] = (byte)(27 + RecoveryId);
        return result;
    }

    /// <summary>"0x"-prefixed hex of <see cref="ToBytes"/>.</summary>
    public override string ToString() => Hex.Encode(ToBytes());

    /// <summary>
    /// Reads a 65-byte r‖s‖v signature; v may be 27/28 or 0/1.
    /// </summary>
    /// <exception cref="SignatureException">Wrong length, bad v, values out of range, or a high s.</exception>
    public static Signature FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 65) throw new SignatureException($"a signature is 65 bytes (r‖s‖v), got {bytes.Length}");
        int v = bytes[64];
        var recoveryId = v >= 27 ? v - 27 : v;
        if (recoveryId is < 0 or > 1) throw new SignatureException($"signature v must be 27, 28, 0 or 1, got {v}");
        return new Signature(
            new BigInteger(bytes[..32], isUnsigned: true, isBigEndian: true),
            new BigInteger(bytes[32..64], isUnsigned: true, isBigEndian: true),
            recoveryId);
    }

    /// <summary>Parses hex of a 65-byte signature.</summary>
    /// <exception cref="LedgerFormatException">Malformed hex or an invalid signature.</exception>
    public static Signature Parse(string hex) => FromBytes(Hex.Decode(hex));

    /// <summary>Recovers the signer's address from a 32-byte digest (SEC 1 §4.1.6).</summary>
    /// <exception cref="SignatureException">The signature names no valid public key.</exception>
    public EthAddress RecoverAddress(Hash32 digest) => EthAddress.FromPublicKey(RecoverPublicKey(digest));

    /// <summary>Recovers the signer's 64-byte uncompressed public key (x‖y).</summary>
    public byte[] RecoverPublicKey(Hash32 digest) =>
        Internal.Secp256k1.Recover(digest.ToArray(), ToBouncy(R), ToBouncy(S), RecoveryId);

    internal static Org.BouncyCastle.Math.BigInteger ToBouncy(BigInteger value) =>
        new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));

    internal static BigInteger FromBouncy(Org.BouncyCastle.Math.BigInteger value) =>
        new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
}
