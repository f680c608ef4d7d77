using System.Numerics;
using EmrMarket.Core.Audit;
using EmrMarket.Core.Catalog;
using EmrMarket.Core.Chain.Indexing.Events;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Market;
using EmrMarket.Core.Market.Agreements;
using EmrMarket.Core.Market.Purchases;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Web.Components.Pages.Compliance;
using EmrMarket.Web.Components.Pages.Researcher;
using EmrMarket.Web.Components.Shared;
using EmrMarket.Web.Tests.Components;

namespace EmrMarket.Web.Tests.Market;

public sealed class MarketComponentTests : IAsyncLifetime
{
    private static readonly TokenInfo Dollar = new(PrivateKey.Generate().Address, "TUSD", 6);
    private readonly ComponentHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SuppressedBars_SmallCount_ShowsBelow11AndNoLongerBarThanTheThreshold()
    {
        var document = await _host.RenderAsync<SuppressedBars>(new()
        {
            ["Caption"] = "Sex",
            ["Bars"] = new List<PreviewBar> { new("female", new SuppressedCount(40)), new("male", new SuppressedCount(3)), new("other", new SuppressedCount(11)) },
        });

        var counts = document.QuerySelectorAll("td .count").Select(c => c.TextContent).ToList();
        Assert.Equal(["40", "<11", "11"], counts);
        var widths = document.QuerySelectorAll(".bar").Select(b => b.GetAttribute("style")).ToList();
        Assert.Equal(widths[2], widths[1]);
        Assert.Contains("suppressed", document.QuerySelectorAll(".bar")[1].ClassName);
        Assert.DoesNotContain(">3<", document.Body!.InnerHtml);
    }

    [Fact]
    public async Task OfferCard_Entry_LinksToTheOfferWithPriceAndRisk()
    {
        var entry = new CatalogEntry(42, Guid.NewGuid(), "Diabetes 2020", new string('x', 300), (ulong)Purpose.AcademicResearch, 1200, 54_000, 5, 0.2,
            1_500_000, Dollar.Address, OfferStatus.Active, 3, DateTimeOffset.UtcNow);

        var document = await _host.RenderAsync<OfferCard>(new() { ["Entry"] = entry });

        Assert.Equal("/catalog/42", document.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Equal("1.5 TUSD", document.QuerySelector(".price")!.TextContent);
        Assert.Contains("5-anonymous", document.Body!.TextContent);
        Assert.Contains("20 %", document.Body.TextContent);
        Assert.Equal("Academic research", document.QuerySelector("li.badge")!.TextContent);
        Assert.EndsWith("…", document.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public async Task QuoteView_CustodialQuote_ShowsTotalFeeAndGasPaidByThePlatform()
    {
        var quote = Quote(gas: new GasEstimate(180_000, 2_000_000_000, PaidByPlatform: true), cannotBuy: null);

        var document = await _host.RenderAsync<QuoteView>(new() { ["Quote"] = quote });

        Assert.Equal("25 TUSD", document.QuerySelector("[data-testid=quote-total]")!.TextContent);
        Assert.Contains("180,000 gas, at most 0.00036 ETH, paid by the platform", document.QuerySelector("[data-testid=quote-gas]")!.TextContent);
        Assert.Null(document.QuerySelector("[data-testid=cannot-buy]"));
    }

    [Fact]
    public async Task QuoteView_LowBalance_SaysWhyItCannotBeBought()
    {
        var document = await _host.RenderAsync<QuoteView>(new() { ["Quote"] = Quote(gas: null, cannotBuy: "your balance is 1 TUSD, the price 25 TUSD") });

        Assert.Equal("alert", document.QuerySelector("[data-testid=cannot-buy]")!.GetAttribute("role"));
        Assert.Contains("your balance is 1 TUSD", document.QuerySelector("[data-testid=cannot-buy]")!.TextContent);
        Assert.Contains("not estimated", document.QuerySelector("[data-testid=quote-gas]")!.TextContent);
    }

    [Fact]
    public async Task PurchaseProgress_Failed_ShowsTheDecodedReasonAndThatNothingWasCharged()
    {
        var purchase = new PurchaseView(1, Guid.NewGuid(), 7, Dollar.Address, Dollar.Address, 25_000_000, Keccak256.Hash("a"), "1", false,
            DateTimeOffset.UtcNow, new ChainWrite(3, OutboxStatus.Failed, Keccak256.Hash("tx"), 12, "the offer is paused"), null);

        var document = await _host.RenderAsync<PurchaseProgress>(new() { ["Purchase"] = purchase });

        var status = document.QuerySelector("[data-testid=purchase-status]")!;
        Assert.Equal("Failed", status.GetAttribute("data-status"));
        Assert.Contains("the offer is paused", status.TextContent);
        Assert.Contains("Nothing was charged", status.TextContent);
    }

    [Fact]
    public async Task TrailTable_Revocation_ShowsRevokedPurposeBlockAndPatientKey()
    {
        var patient = PrivateKey.Generate().Address;
        var entry = new ConsentTrailEntry(patient, Purpose.AcademicResearch, Purpose.AcademicResearch | Purpose.AiTraining, 0, 0, 2, patient,
            new LogPosition(1234, 0, DateTimeOffset.Parse("2026-03-01T10:00:00Z"), Keccak256.Hash("tx")), null);

        var document = await _host.RenderAsync<TrailTable>(new() { ["Entries"] = new List<ConsentTrailEntry> { entry } });

        var cells = document.QuerySelectorAll("[data-testid=trail-row] td").ToList();
        Assert.Equal("2026-03-01 10:00:00", cells[0].TextContent);
        Assert.Contains(PatientKey.Of(patient), cells[1].TextContent);
        Assert.Equal("none", cells[2].TextContent.Trim());
        Assert.Equal("AI / ML training", cells[3].TextContent.Trim());
        Assert.Equal("1234", cells[6].TextContent);
    }

    [Fact]
    public async Task TrailTable_NoEntries_SaysSo()
    {
        var document = await _host.RenderAsync<TrailTable>(new() { ["Entries"] = new List<ConsentTrailEntry>() });

        Assert.NotNull(document.QuerySelector("[data-testid=trail-empty]"));
        Assert.Null(document.QuerySelector("table"));
    }

    [Fact]
    public async Task PagerNav_ManyPages_LinksNeighboursAndMarksTheCurrentPage()
    {
        var document = await _host.RenderAsync<PagerNav>(new()
        {
            ["Page"] = 10, ["Pages"] = 500, ["Href"] = (Func<int, string>)(p => $"/catalog?page={p}"), ["Label"] = "Catalog pages",
        });

        var labels = document.QuerySelectorAll("nav a, nav span").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["← Previous", "1", "…", "8", "9", "10", "11", "12", "…", "500", "Next →"], labels);
        Assert.Equal("page", document.QuerySelector("[aria-current]")!.GetAttribute("aria-current"));
        Assert.Equal("/catalog?page=11", document.QuerySelector("a[rel=next]")!.GetAttribute("href"));
    }

    private static PurchaseQuote Quote(GasEstimate? gas, string? cannotBuy) => new(7, Guid.NewGuid(), "T", 1, Dollar, 25_000_000, 250,
        625_000, 24_375_000, PrivateKey.Generate().Address, false, BigInteger.Parse("100000000"), gas, cannotBuy, DataUseTerms.Current);
}
