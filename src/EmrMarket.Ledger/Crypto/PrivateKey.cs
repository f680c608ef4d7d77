using System.Security.Cryptography;
using EmrMarket.Ledger.Internal;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Crypto;

/// <summary>
/// A secp256k1 private key. <see cref="ToString"/> prints only the address, never the key; the
/// raw bytes leave only through <see cref="ExportBytes"/>.
/// </summary>
public sealed class PrivateKey
{
    private readonly byte[] _bytes;
    private readonly Org.BouncyCastle.Math.BigInteger _d;
    private byte[]? _publicKey;
    private EthAddress? _address;

    private PrivateKey(byte[] bytes)
    {
        _bytes = bytes;
        _d = new Org.BouncyCastle.Math.BigInteger(1, bytes);
        if (_d.SignValue == 0 || _d.CompareTo(Secp256k1.N) >= 0)
            throw new SignatureException("a private key must be in [1, n-1] of the secp256k1 order");
    }

    /// <summary>A fresh key from the operating system's cryptographically secure generator.</summary>
    public static PrivateKey Generate()
    {
        while (true)
        {
            var bytes = RandomNumberGenerator.GetBytes(32);
            var d = new Org.BouncyCastle.Math.BigInteger(1, bytes);
            if (d.SignValue > 0 && d.CompareTo(Secp256k1.N) < 0) return new PrivateKey(bytes);
        }
    }

    /// <summary>A key from its 32 bytes (copied).</summary>
    /// <exception cref="SignatureException">Not 32 bytes, zero, or not below the curve order.</exception>
    public static PrivateKey FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 32 ? new PrivateKey(bytes.ToArray()) : throw new SignatureException($"a private key is 32 bytes, got {bytes.Length}");

    /// <summary>A key from 64 hex digits, with or without "0x".</summary>
    /// <exception cref="LedgerFormatException">Malformed hex, wrong length or out of range.</exception>
    public static PrivateKey Parse(string hex)
    {
        byte[] bytes;
        try
        {
            bytes = Hex.Decode(hex);
        }
        catch (LedgerFormatException)
        {
            throw new SignatureException("a private key must be 64 hex digits (the text given is not hex)");
        }
        return FromBytes(bytes);
    }

    /// <summary>The 64-byte uncompressed public key x‖y.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey ??= Secp256k1.PublicKey(_d);

    /// <summary>The account address of this key.</summary>
    public EthAddress Address => _address ??= EthAddress.FromPublicKey(PublicKey);

    /// <summary>A copy of the 32 key bytes, for sealing in a key store. Handle with care.</summary>
    public byte[] ExportBytes() => (byte[])_bytes.Clone();

    /// <summary>Signs a 32-byte digest: RFC 6979 deterministic nonce, low s (EIP-2), with recovery id.</summary>
    public Signature Sign(Hash32 digest)
    {
        var (r, s, recoveryId) = Secp256k1.Sign(digest.Unsafe, _d);
        return new Signature(Signature.FromBouncy(r), Signature.FromBouncy(s), recoveryId);
    }

    /// <summary>Signs an EIP-191 personal message ("\x19Ethereum Signed Message:\n" + length + message).</summary>
    public Signature SignMessage(ReadOnlySpan<byte> message) => Sign(Eip191.Hash(message));

    /// <summary>Signs EIP-712 typed data.</summary>
    public Signature SignTypedData(TypedData data) => Sign(data.Digest());

    /// <summary>Shows the address only; the key never appears in logs.</summary>
    public override string ToString() => $"PrivateKey({Address})";
}
