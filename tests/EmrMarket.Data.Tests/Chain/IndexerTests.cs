using System.Numerics;
using EmrMarket.Core.Anchoring;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Consent;
using EmrMarket.Data.Chain;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>The indexer over one scenario that emits every event kind; the class's tests share its read models.</summary>
public sealed class IndexerTests(IndexerTests.Fixture fixture) : IClassFixture<IndexerTests.Fixture>
{
    public sealed class Fixture : ChainDatabase
    {
        public MarketScenario Scenario { get; private set; } = null!;

        public Dictionary<string, string> Incremental { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Scenario = new MarketScenario(Chain);
            await Scenario.RunAsync();
            await using var app = await StartAppAsync(workers: false, settings: new Dictionary<string, string?> { ["Indexer:BlocksPerRange"] = "2" });
            await app.Get<ChainIndexer>().CatchUpAsync(default);
            Incremental = await ReadModelDump.TakeAsync(DataSource);
        }
    }

    private MarketScenario Scenario => fixture.Scenario;

    private async Task<T> WithAppAsync<T>(Func<ChainApp, Task<T>> use)
    {
        await using var app = await fixture.StartAppAsync(workers: false);
        return await use(app);
    }

    [Fact]
    public async Task CatchUpAsync_Consents_TrailCurrentAndSkips()
    {
        var (current, trail, skipped) = await WithAppAsync(async app =>
        {
            var consents = app.Get<IConsentReadModel>();
            return (await consents.CurrentAsync(Scenario.PatientA.Address, default),
                await consents.HistoryAsync(new ConsentHistoryQuery(Scenario.PatientA.Address), default),
                await fixture.ScalarAsync<short>("select reason from chain_consent_skips where patient = @p", new { p = Scenario.PatientC.Address.ToLowerHex() }));
        });

        Assert.Equal(Purpose.AcademicResearch, current!.Purposes);
        Assert.Equal(2ul, current.Version);
        Assert.Equal([Purpose.AcademicResearch, Purpose.AcademicResearch | Purpose.PublicHealth], trail.Select(c => c.Purposes));
        Assert.Equal((short)ConsentRejection.BadSignature, skipped);
        var onChain = await fixture.Chain.Rpc.GetTransactionReceiptAsync(current.At.TransactionHash);
        Assert.Equal(current.At.BlockNumber, onChain!.BlockNumber);
    }

    [Fact]
    public async Task CatchUpAsync_Offer_TermsPriceStatusSalesAndPayouts()
    {
        var (offer, history) = await WithAppAsync(async app =>
            (await app.Get<IMarketReadModel>().OfferAsync(Scenario.OfferId, default), await app.Get<IMarketReadModel>().OfferHistoryAsync(Scenario.OfferId, default)));

        Assert.NotNull(offer);
        Assert.Equal(new BigInteger(MarketScenario.Price), offer.Price);
        Assert.Equal(new BigInteger(MarketScenario.Price * 2), offer.Terms.Price);
        Assert.Equal(OfferStatus.Active, offer.Status);
        Assert.Equal(1ul, offer.LicencesSold);
        Assert.Equal(MarketScenario.Price - Scenario.Fee, offer.PoolTotal);
        Assert.Equal(Scenario.ClaimedAmount, offer.ClaimedTotal);
        Assert.Equal(fixture.Chain.Curator.Address, offer.Curator);
        Assert.Equal(["listed", "price", "status", "status"], history.Select(e => e.Kind));
        Assert.Equal([OfferStatus.Paused, OfferStatus.Active], history.Where(e => e.Kind == "status").Select(e => e.Status!.Value));

        var market = new Contract(fixture.Chain.Rpc, fixture.Chain.Address(ContractArtifacts.DataMarketplace), ChainContracts.Abi(ContractArtifacts.DataMarketplace));
        var stored = (object?[])(await market.CallAsync("offer", [Scenario.OfferId]))[0]!;
        Assert.Equal(offer.PoolTotal, (BigInteger)stored[10]!);
        Assert.Equal(offer.ClaimedTotal, (BigInteger)stored[11]!);
    }

    [Fact]
    public async Task CatchUpAsync_PurchaseLicenceAndClaim_Indexed()
    {
        var (purchases, holders, holds, claims) = await WithAppAsync(async app =>
        {
            var market = app.Get<IMarketReadModel>();
            return (await market.PurchasesByBuyerAsync(Scenario.Buyer.Address, default), await market.LicenceHoldersAsync(Scenario.OfferId, default),
                await market.HoldsLicenceAsync(Scenario.Buyer.Address, Scenario.OfferId, default), await market.ClaimsByPatientAsync(Scenario.PatientA.Address, default));
        });

        var purchase = Assert.Single(purchases);
        Assert.Equal(Scenario.Fee, purchase.Fee);
        Assert.Equal(1ul, purchase.LicenceNumber);
        var holder = Assert.Single(holders);
        Assert.Equal((Scenario.Buyer.Address, BigInteger.One), (holder.Holder, holder.Balance));
        Assert.True(holds);
        Assert.Equal(Scenario.ClaimedAmount, Assert.Single(claims).Amount);
    }

    [Fact]
    public async Task CatchUpAsync_Anchor_Indexed()
    {
        var anchor = await WithAppAsync(app => app.Get<IAnchorReadModel>().FindAsync(Scenario.AnchorRoot, default));

        Assert.Equal(fixture.Chain.Provider.Address, anchor!.Provider);
        Assert.Equal(12u, anchor.RecordCount);
    }

    [Fact]
    public async Task Reindex_AfterIndexingInSmallRanges_GivesIdenticalTables()
    {
        await using var app = await fixture.StartAppAsync(workers: false, settings: new Dictionary<string, string?> { ["Indexer:BlocksPerRange"] = "5000" });
        var contracts = await app.Get<Core.Chain.IChainDeployment>().GetAsync(default);
        var start = await fixture.Chain.Rpc.GetBlockByNumberAsync(contracts.Deployment.StartBlock);
        await app.Get<IChainIndexStore>().ResetAsync(contracts.Key, new IndexedBlock(start!.Number, start.Hash, DateTimeOffset.FromUnixTimeSeconds((long)start.Timestamp)), default);
        Assert.Equal("", (await ReadModelDump.TakeAsync(fixture.DataSource))["chain_consents"]);

        await app.Get<ChainIndexer>().CatchUpAsync(default);
        var rebuilt = await ReadModelDump.TakeAsync(fixture.DataSource);

        foreach (var table in ChainIndexStore.Tables.Where(t => t != "chain_blocks"))
        {
            Assert.True(fixture.Incremental[table].Length > 0, $"{table} is empty");
            Assert.Equal(fixture.Incremental[table], rebuilt[table]);
        }
    }
}
