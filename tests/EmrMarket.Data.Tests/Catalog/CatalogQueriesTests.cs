using Dapper;
using EmrMarket.Core.Catalog;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Data.Catalog;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Catalog;

/// <summary>The catalog's SQL against a LINQ reading of the same 300 generated offers.</summary>
public sealed class CatalogQueriesTests(CatalogQueriesTests.World world) : IClassFixture<CatalogQueriesTests.World>
{
    public sealed class World : IAsyncLifetime
    {
        public MigratedDatabase Database { get; } = new();
        public IReadOnlyList<MarketRows.Offer> Offers { get; private set; } = [];
        public CatalogRepository Catalog { get; private set; } = null!;
        public DatasetSummaryRepository Summaries { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Database.InitializeAsync();
            var dataSource = Database.CreateDataSource();
            Offers = [.. MarketRows.GenerateOffers(300, seed: 7), Special];
            await MarketRows.CopyOffersAsync(dataSource, Offers, default);
            Catalog = new CatalogRepository(dataSource);
            Summaries = new DatasetSummaryRepository(dataSource);
        }

        public Task DisposeAsync() => Database.DisposeAsync();
    }

    private static readonly MarketRows.Offer Special = new(1000, "100% rare_disease (sample)", "Percent and underscore in the title.", 0b11, 15, 5, 0.2,
        1_500_000, OfferStatus.Active, ["999999"], MarketRows.Epoch.AddDays(30));

    private IEnumerable<MarketRows.Offer> Active => world.Offers.Where(o => o.Status == OfferStatus.Active);

    private async Task<List<ulong>> AllPagesAsync(CatalogFilter filter)
    {
        var ids = new List<ulong>();
        for (var page = 1; ; page++)
        {
            var result = await world.Catalog.SearchAsync(filter with { Page = page, PageSize = 37 }, default);
            Assert.Equal(result.Total, (await world.Catalog.SearchAsync(filter with { Page = page + 100, PageSize = 37 }, default)).Total);
            ids.AddRange(result.Entries.Select(e => e.OfferId));
            if (page >= result.Pages) return ids;
        }
    }

    [Fact]
    public async Task SearchAsync_NoFilter_PagesThroughEveryActiveOfferNewestFirst()
    {
        var ids = await AllPagesAsync(new CatalogFilter());

        Assert.Equal(Active.Select(o => o.OfferId).OrderDescending(), ids);
    }

    [Fact]
    public async Task SearchAsync_PurposeSizeKAndPrice_MatchTheLinqReading()
    {
        var filter = new CatalogFilter { Purpose = 4, MinPatients = 100, MaxPatients = 3000, MinK = 10, MinPrice = 200_000_000, MaxPrice = 1_500_000_000 };

        var ids = await AllPagesAsync(filter);

        var expected = Active.Where(o => (o.Purpose & 4) == 4 && o.Patients is >= 100 and <= 3000 && o.K >= 10 && o.Price >= 200_000_000 && o.Price <= 1_500_000_000)
            .Select(o => o.OfferId).OrderDescending().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task SearchAsync_SortByPrice_OrdersByPriceThenNewest()
    {
        var ids = await AllPagesAsync(new CatalogFilter { Sort = CatalogSort.PriceLowest, Text = "asthma" });

        var expected = Active.Where(o => o.Title.Contains("asthma", StringComparison.OrdinalIgnoreCase) || o.Description.Contains("asthma", StringComparison.OrdinalIgnoreCase))
            .OrderBy(o => o.Price).ThenByDescending(o => o.OfferId).Select(o => o.OfferId).ToList();
        Assert.True(expected.Count > 5);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData("100%", 1)]
    [InlineData("rare_disease", 1)]
    [InlineData("rare%disease", 0)]
    [InlineData("r_re", 0)]
    public async Task SearchAsync_PatternCharactersInText_AreMatchedLiterally(string text, int count)
    {
        var page = await world.Catalog.SearchAsync(new CatalogFilter { Text = text }, default);

        Assert.Equal(count, page.Total);
    }

    [Fact]
    public async Task SearchAsync_Condition_MatchesACohortCodeOrWordsOfTheTitle()
    {
        var byCode = await world.Catalog.SearchAsync(new CatalogFilter { Condition = "999999" }, default);
        var byWord = await AllPagesAsync(new CatalogFilter { Condition = "Sepsis" });

        Assert.Equal([1000UL], byCode.Entries.Select(e => e.OfferId));
        Assert.Equal(Active.Where(o => o.Title.Contains("Sepsis", StringComparison.Ordinal)).Select(o => o.OfferId).OrderDescending(), byWord);
    }

    [Fact]
    public async Task OfferAsync_PausedOffer_IsFoundWithItsDatasetButNotListed()
    {
        var paused = world.Offers.First(o => o.Status == OfferStatus.Paused);

        var entry = await world.Catalog.OfferAsync(paused.OfferId, default);
        var listed = await AllPagesAsync(new CatalogFilter());

        Assert.NotNull(entry);
        Assert.Equal((paused.DatasetId, paused.Title, paused.K, paused.Price, OfferStatus.Paused), (entry.DatasetId, entry.Title, entry.K!.Value, entry.Price, entry.Status));
        Assert.Equal(paused.Risk, entry.ProsecutorRisk!.Value, 6);
        Assert.DoesNotContain(paused.OfferId, listed);
        Assert.Null(await world.Catalog.OfferAsync(999_999, default));
    }

    [Fact]
    public async Task HeldByAsync_PositiveBalances_ListThoseOffers()
    {
        var holder = EthAddress.Parse("0x00000000000000000000000000000000000000aa");
        await using (var connection = await world.Database.CreateDataSource().OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                insert into chain_licences (offer_id, holder, balance, updated_block) values
                (3, @h, 1, 1), (5, @h, 0, 1), (1000, @h, 2, 1), (4, '0x00000000000000000000000000000000000000bb', 1, 1)
                """, new { h = holder.ToLowerHex() });
        }

        var held = await world.Catalog.HeldByAsync(holder, default);

        Assert.Equal([1000UL, 3UL], held.Select(e => e.OfferId));
    }

    [Fact]
    public async Task PageAsync_PausedState_IsTheRevocationQueue()
    {
        var page = await world.Summaries.PageAsync(new DatasetListFilter(Offer: DatasetOfferState.Paused, PageSize: 200), default);

        var expected = world.Offers.Where(o => o.Status == OfferStatus.Paused).Select(o => o.DatasetId).ToHashSet();
        Assert.Equal(expected.Count, page.Total);
        Assert.All(page.Datasets, d => Assert.Equal(OfferStatus.Paused, d.OfferStatus));
        Assert.Equal(expected, page.Datasets.Select(d => d.Id).ToHashSet());
    }

    [Fact]
    public void Preview_SmallCells_ReadAsSuppressedAndAgesFallInBands()
    {
        var counts = new DatasetCounts([(1990, "female", 12), (1995, "female", 3), (1930, "male", 4), (null, "male", 30)], [("44054006", "Diabetes", 5)]);

        var preview = DatasetPreview.From(counts, asOfYear: 2026);

        Assert.Equal(["30-39:15", "90+:<11", "unknown:30"], preview.AgeBands.Select(b => $"{b.Label}:{b.Count}"));
        Assert.Equal(["male:34", "female:15"], preview.Sexes.Select(b => $"{b.Label}:{b.Count}"));
        Assert.Equal(["Diabetes:<11"], preview.Conditions.Select(b => $"{b.Label}:{b.Count}"));
    }
}
