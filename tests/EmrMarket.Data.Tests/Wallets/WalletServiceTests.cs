using Dapper;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Wallets;
using EmrMarket.Data.Accounts;
using EmrMarket.Data.Wallets;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.KeyStore;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Wallets;

public sealed class WalletServiceTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private const string Domain = "emrmarket.test";
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly CustodialKeyVault _vault = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private WalletService CreateService() => new(new WalletRepository(database.CreateDataSource()), new FixedVault(_vault), _clock);

    private sealed class FixedVault(CustodialKeyVault vault) : IWalletVault
    {
        public Task<CustodialKeyVault> GetAsync(CancellationToken cancellationToken) => Task.FromResult(vault);
    }

    private async Task<Guid> NewAccountAsync()
    {
        var accounts = new AccountService(new AccountRepository(database.CreateDataSource()), _clock);
        return (await accounts.RegisterAsync($"w-{Guid.NewGuid():N}@example.test", "W", "long enough password", [Roles.Patient], default)).Id;
    }

    [Fact]
    public async Task EnsureCustodialWalletAsync_CalledTwice_KeepsOneKeyThatSignsForTheAddress()
    {
        var service = CreateService();
        var account = await NewAccountAsync();

        var first = await service.EnsureCustodialWalletAsync(account, default);
        var second = await service.EnsureCustodialWalletAsync(account, default);
        var key = await service.OpenCustodialKeyAsync(account, default);

        Assert.Equal(first.Address, second.Address);
        Assert.Equal(first.Address, key.Address);
    }

    [Fact]
    public async Task EnsureCustodialWalletAsync_Always_StoresTheKeyOnlySealed()
    {
        var account = await NewAccountAsync();
        await CreateService().EnsureCustodialWalletAsync(account, default);
        var key = await CreateService().OpenCustodialKeyAsync(account, default);

        await using var connection = await database.CreateDataSource().OpenConnectionAsync();
        var stored = await connection.QuerySingleAsync<byte[]>("select sealed_key from custodial_keys where account_id = @account", new { account });
        Assert.Equal(-1, stored.AsSpan().IndexOf(key.ExportBytes()));
    }

    [Fact]
    public async Task CompleteLinkAsync_SignedByTheWallet_LinksIt()
    {
        var service = CreateService();
        var account = await NewAccountAsync();
        var wallet = PrivateKey.Generate();
        var message = await service.StartLinkAsync(account, wallet.Address, Domain, new Uri("https://emrmarket.test/wallet"), 31337, default);
        var text = message.Format();

        var linked = await service.CompleteLinkAsync(account, text, wallet.SignMessage(System.Text.Encoding.UTF8.GetBytes(text)).ToString(), Domain, 31337, default);

        Assert.Equal(WalletKind.External, linked.Kind);
        Assert.Equal(wallet.Address, linked.Address);
        var error = await Assert.ThrowsAsync<WalletException>(() => service.OpenCustodialKeyAsync(account, default));
        Assert.Contains("your own wallet", error.Message);
    }

    [Fact]
    public async Task CompleteLinkAsync_SignedByAnotherKey_IsRefusedNamingTheSigner()
    {
        var service = CreateService();
        var account = await NewAccountAsync();
        var wallet = PrivateKey.Generate();
        var impostor = PrivateKey.Generate();
        var text = (await service.StartLinkAsync(account, wallet.Address, Domain, new Uri("https://emrmarket.test/"), 31337, default)).Format();

        var error = await Assert.ThrowsAsync<WalletException>(() => service.CompleteLinkAsync(
            account, text, impostor.SignMessage(System.Text.Encoding.UTF8.GetBytes(text)).ToString(), Domain, 31337, default));

        Assert.Contains(impostor.Address.ToString(), error.Message);
    }

    [Fact]
    public async Task CompleteLinkAsync_ReplayedMessage_IsRefused()
    {
        var service = CreateService();
        var account = await NewAccountAsync();
        var wallet = PrivateKey.Generate();
        var text = (await service.StartLinkAsync(account, wallet.Address, Domain, new Uri("https://emrmarket.test/"), 31337, default)).Format();
        var signature = wallet.SignMessage(System.Text.Encoding.UTF8.GetBytes(text)).ToString();
        await service.CompleteLinkAsync(account, text, signature, Domain, 31337, default);

        var error = await Assert.ThrowsAsync<WalletException>(() => service.CompleteLinkAsync(account, text, signature, Domain, 31337, default));

        Assert.Contains("already used", error.Message);
    }

    [Fact]
    public async Task CompleteLinkAsync_Expired_IsRefused()
    {
        var service = CreateService();
        var account = await NewAccountAsync();
        var wallet = PrivateKey.Generate();
        var text = (await service.StartLinkAsync(account, wallet.Address, Domain, new Uri("https://emrmarket.test/"), 31337, default)).Format();
        _clock.Advance(WalletService.LinkValidity + TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<WalletException>(() => service.CompleteLinkAsync(
            account, text, wallet.SignMessage(System.Text.Encoding.UTF8.GetBytes(text)).ToString(), Domain, 31337, default));

        Assert.Contains("expired", error.Message);
    }

    [Theory]
    [InlineData("evil.test", 31337UL, "not emrmarket.test")]
    [InlineData(Domain, 1UL, "not 31337")]
    public async Task CompleteLinkAsync_OtherDomainOrChain_IsRefused(string domain, ulong chainId, string expected)
    {
        var service = CreateService();
        var account = await NewAccountAsync();
        var wallet = PrivateKey.Generate();
        var text = (await service.StartLinkAsync(account, wallet.Address, domain, new Uri("https://emrmarket.test/"), chainId, default)).Format();

        var error = await Assert.ThrowsAsync<WalletException>(() => service.CompleteLinkAsync(
            account, text, wallet.SignMessage(System.Text.Encoding.UTF8.GetBytes(text)).ToString(), Domain, 31337, default));

        Assert.Contains(expected, error.Message);
    }
}
