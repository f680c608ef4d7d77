using System.Security.Cryptography;
using EmrMarket.Ledger.KeyStore;

namespace EmrMarket.Data.Encryption;

/// <summary>
/// The vault that seals custodial wallet and provider keys, under a key derived from Encryption:MasterKey with
/// HKDF-SHA256 (RFC 5869), so the master key itself wraps only data keys.
/// </summary>
public static class CustodialVault
{
    private static readonly byte[] Info = "EmrMarket custodial key vault"u8.ToArray();

    public static CustodialKeyVault FromEncryptionOptions(EncryptionOptions options)
    {
        if (!MasterKeyRing.TryDecode(options.MasterKey, out var master))
            throw new InvalidOperationException("Encryption:MasterKey must be base64 of 32 bytes (it also seals custodial keys)");
        return new CustodialKeyVault(HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Info));
    }
}
