using System.Security.Cryptography;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.KeyStore;

namespace EmrMarket.Ledger.Tests.KeyStore;

public class CustodialKeyVaultTests
{
    private static readonly CustodialKeyVault Vault = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Open_SealedKey_ReturnsSameKeyAndNeverHoldsItInClear()
    {
        var key = PrivateKey.Generate();
        var sealedKey = Vault.Seal(key);
        Assert.Equal(CustodialKeyVault.SealedLength, sealedKey.Length);
        Assert.Equal(-1, sealedKey.AsSpan().IndexOf(key.ExportBytes()));
        Assert.Equal(key.Address, Vault.Open(key.Address, sealedKey).Address);
        Assert.NotEqual(sealedKey, Vault.Seal(key));
    }

    [Fact]
    public void Open_OtherAddress_Throws()
    {
        var (_, sealedKey) = Vault.CreateKey();
        Assert.Throws<KeyVaultException>(() => Vault.Open(PrivateKey.Generate().Address, sealedKey));
    }

    [Fact]
    public void Open_TamperedOrOtherMasterKey_Throws()
    {
        var (address, sealedKey) = Vault.CreateKey();
        var tampered = (byte[])sealedKey.Clone();
        tampered[20] ^= 1;
        Assert.Throws<KeyVaultException>(() => Vault.Open(address, tampered));
        Assert.Throws<KeyVaultException>(() => new CustodialKeyVault(RandomNumberGenerator.GetBytes(32)).Open(address, sealedKey));
        Assert.Throws<KeyVaultException>(() => Vault.Open(address, sealedKey.AsSpan(1)));
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all!")]
    public void FromConfiguration_BadMasterKey_Throws(string masterKey)
    {
        Assert.Throws<ArgumentException>(() => CustodialKeyVault.FromConfiguration(masterKey));
    }
}
