using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Demo;
using EmrMarket.Core.Wallets;
using EmrMarket.Data.Tests.Chain;

namespace EmrMarket.Data.Tests.Demo;

/// <summary>`emr seed` on PostgreSQL and anvil with the chain workers running, as scripts/run.sh does after `emr deploy`.</summary>
public sealed class DemoSeederTests(ChainDatabase db) : IClassFixture<ChainDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("emr-seed-").FullName;

    private static readonly string[] Tables =
        ["accounts", "wallets", "consent_requests", "datasets", "offer_actions", "outbox", "purchases", "payout_claims", "chain_offers", "chain_claims"];

    [Fact]
    public async Task SeedAsync_FreshDeployment_EveryRoleHasContentAndASecondRunChangesNothing()
    {
        await using var app = await db.StartAppAsync(settings: new Dictionary<string, string?> { ["Datasets:StorageFolder"] = Path.Combine(_folder, "packages") });
        var seeder = app.Get<DemoSeeder>();

        var first = await seeder.SeedAsync(Path.Combine(_folder, "work"), TextWriter.Null, default);

        Assert.StartsWith("demo ready", first);
        var market = app.Get<IMarketReadModel>();
        var offers = await market.OffersAsync(OfferStatus.Active, default);
        Assert.True(offers.Count >= DemoMarket.Datasets.Count, $"{offers.Count} offers for sale");
        var researcher = await app.Get<IAccountRepository>().FindByEmailAsync("researcher@demo.emrmarket.test", default);
        var wallet = (await app.Get<IWalletRepository>().FindByAccountAsync(researcher!.Id, default))!.Address;
        var purchase = Assert.Single(await market.PurchasesByBuyerAsync(wallet, default));
        Assert.True(await market.HoldsLicenceAsync(wallet, purchase.OfferId, default));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from chain_claims"));
        Assert.True(await db.ScalarAsync<long>("select count(*) from chain_consents where expiry <> 0") > 0, "some consents expire");
        Assert.Equal((long)DemoSeeder.PatientAccounts, await db.ScalarAsync<long>("select count(*) from chain_consents"));
        var before = await CountsAsync();

        var second = await seeder.SeedAsync(Path.Combine(_folder, "work"), TextWriter.Null, default);

        Assert.Equal("demo already seeded: nothing changed", second);
        Assert.Equal(before, await CountsAsync());
    }

    private async Task<Dictionary<string, long>> CountsAsync()
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables) counts[table] = await db.ScalarAsync<long>($"select count(*) from {table}");
        return counts;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
