using EmrMarket.Core.Audit;
using EmrMarket.Core.Catalog;
using EmrMarket.Web.Compliance;
using EmrMarket.Web.Market;
using Microsoft.Extensions.Primitives;

namespace EmrMarket.Web.Tests.Market;

public sealed class SearchTests
{
    [Fact]
    public void CatalogSearch_ToUriAndBack_KeepsEveryFilter()
    {
        var search = new CatalogSearch
        {
            Text = "diabetes", Purpose = 5, Condition = "44054006", MinPatients = 100, MaxPatients = 900, MinPrice = "10", MaxPrice = "99.5",
            MinK = 10, Sort = CatalogSort.PriceLowest,
        };

        var (back, page) = CatalogSearch.FromUri("http://localhost" + search.ToUri(3));

        Assert.Equal(3, page);
        Assert.Equivalent(search, back);
        Assert.Equal(99_500_000, back.ToFilter(page).MaxPrice);
    }

    [Theory]
    [InlineData("12.5", 12_500_000L)]
    [InlineData("0.000001", 1L)]
    [InlineData("1,000", 1_000_000_000L)]
    [InlineData("0.0000001", null)]
    [InlineData("-3", null)]
    [InlineData("abc", null)]
    [InlineData("", null)]
    public void TokenAmounts_Parse_ReadsWholeTokensToSixDecimals(string text, long? units)
    {
        Assert.Equal(units, (long?)TokenAmounts.Parse(text));
    }

    [Fact]
    public void CatalogSearch_BadPrice_NamesIt()
    {
        Assert.Equal("the lowest price 'ten' is not an amount like 12.50", new CatalogSearch { MinPrice = "ten" }.Problem);
        Assert.Equal("the smallest size is above the largest", new CatalogSearch { MinPatients = 5, MaxPatients = 2 }.Problem);
    }

    [Fact]
    public void TrailSearch_QueryStringAndBack_MakesTheSameQuery()
    {
        var search = new TrailSearch
        {
            Patient = "0x" + new string('a', 40), Purpose = 2, From = new DateTime(2026, 1, 1), To = new DateTime(2026, 2, 1), Kind = ConsentChangeKind.Revoke,
        };

        var parsed = TrailSearch.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(search.QueryString()));

        Assert.Equal(search.ToQuery(10), parsed.ToQuery(10));
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:00:00Z"), parsed.ToQuery(10).From);
    }

    [Theory]
    [InlineData("purpose", "x", "'purpose' must be a purpose number")]
    [InlineData("to", "2026-13-01", "'to' must be a date like 2026-01-31")]
    [InlineData("kind", "both", "'kind' must be grant, revoke or any")]
    public void TrailSearch_Unreadable_IsRefusedNamingTheField(string key, string value, string message)
    {
        var error = Assert.Throws<AuditException>(() => TrailSearch.Parse(new Dictionary<string, StringValues> { [key] = value }));

        Assert.Contains(message, error.Message);
    }
}
