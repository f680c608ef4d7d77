using System.Security.Cryptography;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Wallets;
using EmrMarket.Data.Accounts;
using EmrMarket.Data.Encryption;
using EmrMarket.Data.Wallets;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Wallets;

public sealed class WalletVaultTests : IAsyncLifetime
{
    private readonly IngestHarness _harness = new();

    public Task InitializeAsync() => _harness.InitializeAsync();

    public Task DisposeAsync() => _harness.DisposeAsync();

    private WalletService Wallets(MasterKeyRing ring) =>
        new(new WalletRepository(_harness.DataSource), new WalletVault(_harness.DataSource, ring), TimeProvider.System);

    [Fact]
    public async Task GetAsync_TwoInstances_ShareOneVaultKey()
    {
        var account = await NewAccountAsync();
        var created = await Wallets(_harness.Ring()).EnsureCustodialWalletAsync(account, default);

        var key = await Wallets(_harness.Ring()).OpenCustodialKeyAsync(account, default);

        Assert.Equal(created.Address, key.Address);
    }

    [Fact]
    public async Task RotateAsync_NewMasterKey_CustodialKeysStillOpenUnderTheNewKeyOnly()
    {
        var account = await NewAccountAsync();
        var created = await Wallets(_harness.Ring()).EnsureCustodialWalletAsync(account, default);
        var oldKey = _harness.MasterKey;
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        await new KeyRotation(_harness.DataSource, _harness.Ring(newKey, oldKey)).RotateAsync(default);

        Assert.Equal(created.Address, (await Wallets(_harness.Ring(newKey)).OpenCustodialKeyAsync(account, default)).Address);
        await Assert.ThrowsAsync<KeyUnavailableException>(() => Wallets(_harness.Ring(oldKey)).OpenCustodialKeyAsync(account, default));
    }

    private async Task<Guid> NewAccountAsync() =>
        (await new AccountService(new AccountRepository(_harness.DataSource), TimeProvider.System)
            .RegisterAsync($"v-{Guid.NewGuid():N}@example.test", "V", "long enough password", [Roles.Patient], default)).Id;
}
