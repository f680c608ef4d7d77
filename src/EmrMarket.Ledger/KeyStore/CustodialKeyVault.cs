using System.Security.Cryptography;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.KeyStore;

/// <summary>
/// Envelope encryption of custodial private keys: AES-256-GCM (NIST SP 800-38D) under a 32-byte
/// master key from configuration, a random 96-bit nonce per seal, and the key's address as
/// associated data, so a sealed key cannot be swapped onto another patient's row. Sealed form:
/// version (1) ‖ nonce (12) ‖ ciphertext (32) ‖ tag (16) = 61 bytes. No key is ever written in clear.
/// </summary>
public sealed class CustodialKeyVault
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>The length of a sealed key.</summary>
    public const int SealedLength = 1 + NonceSize + 32 + TagSize;

    private readonly byte[] _masterKey;

    /// <summary>Creates a vault over a 32-byte master key.</summary>
    /// <exception cref="ArgumentException">The master key is not 32 bytes.</exception>
    public CustodialKeyVault(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length != 32) throw new ArgumentException($"the master key must be 32 bytes, got {masterKey.Length}", nameof(masterKey));
        _masterKey = masterKey.ToArray();
    }

    /// <summary>Creates a vault from a base64 or hex master key (as configuration holds it).</summary>
    /// <exception cref="ArgumentException">Not 32 bytes of base64 or hex.</exception>
    public static CustodialKeyVault FromConfiguration(string masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        byte[] bytes;
        try
        {
            bytes = masterKey.Length is 64 or 66 ? Hex.Decode(masterKey) : Convert.FromBase64String(masterKey);
        }
        catch (Exception e) when (e is FormatException)
        {
            throw new ArgumentException("the master key must be 32 bytes as base64 or 64 hex digits", nameof(masterKey), e);
        }
        return new CustodialKeyVault(bytes);
    }

    /// <summary>Generates a key for a new custodial account and returns it sealed, with its address.</summary>
    public (EthAddress Address, byte[] Sealed) CreateKey()
    {
        var key = PrivateKey.Generate();
        return (key.Address, Seal(key));
    }

    /// <summary>Seals a private key, bound to its address.</summary>
    public byte[] Seal(PrivateKey key)
    {
        var sealedKey = new byte[SealedLength];
        sealedKey[0] = Version;
        var nonce = sealedKey.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var plain = key.ExportBytes();
        try
        {
            using var aes = new AesGcm(_masterKey, TagSize);
            aes.Encrypt(nonce, plain, sealedKey.AsSpan(1 + NonceSize, 32), sealedKey.AsSpan(1 + NonceSize + 32, TagSize), key.Address.Span);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
        return sealedKey;
    }

    /// <summary>Opens a sealed key that must belong to <paramref name="address"/>.</summary>
    /// <exception cref="KeyVaultException">Wrong length or version, tampered, another address, or another master key.</exception>
    public PrivateKey Open(EthAddress address, ReadOnlySpan<byte> sealedKey)
    {
        if (sealedKey.Length != SealedLength) throw new KeyVaultException($"a sealed key is {SealedLength} bytes, got {sealedKey.Length}");
        if (sealedKey[0] != Version) throw new KeyVaultException($"unknown sealed-key version {sealedKey[0]}");
        var plain = new byte[32];
        try
        {
            using var aes = new AesGcm(_masterKey, TagSize);
            aes.Decrypt(sealedKey.Slice(1, NonceSize), sealedKey.Slice(1 + NonceSize, 32), sealedKey.Slice(1 + NonceSize + 32, TagSize), plain, address.Span);
            return PrivateKey.FromBytes(plain);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new KeyVaultException($"the sealed key for {address} does not open: tampered, sealed for another address, or under another master key", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
