using System.Globalization;
using EmrMarket.Core.Catalog;
using Microsoft.AspNetCore.WebUtilities;

namespace EmrMarket.Web.Market;

/// <summary>
/// The catalog's filter form and its URL: every search is an address (/catalog?purpose=1&amp;minK=5…), so results can be
/// bookmarked, shared and gone back to. Prices are typed in whole tokens.
/// </summary>
public sealed class CatalogSearch
{
    public string? Text { get; set; }
    public ulong Purpose { get; set; }
    public string? Condition { get; set; }
    public int? MinPatients { get; set; }
    public int? MaxPatients { get; set; }
    public string? MinPrice { get; set; }
    public string? MaxPrice { get; set; }
    public int? MinK { get; set; }
    public CatalogSort Sort { get; set; }

    /// <summary>Why the prices cannot be read, if they cannot.</summary>
    public string? Problem => (MinPrice, MaxPrice) switch
    {
        ({ Length: > 0 } min, _) when TokenAmounts.Parse(min) is null => $"the lowest price '{min}' is not an amount like 12.50",
        (_, { Length: > 0 } max) when TokenAmounts.Parse(max) is null => $"the highest price '{max}' is not an amount like 12.50",
        _ when MinPatients > MaxPatients => "the smallest size is above the largest",
        _ => null,
    };

    public CatalogFilter ToFilter(int page) => new()
    {
        Text = Text, Purpose = Purpose, Condition = Condition, MinPatients = MinPatients, MaxPatients = MaxPatients,
        MinPrice = TokenAmounts.Parse(MinPrice), MaxPrice = TokenAmounts.Parse(MaxPrice), MinK = MinK, Sort = Sort, Page = page,
    };

    public string ToUri(int page = 1)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Blank(Text), ["purpose"] = Purpose == 0 ? null : Purpose.ToString(CultureInfo.InvariantCulture),
            ["condition"] = Blank(Condition), ["minPatients"] = MinPatients?.ToString(CultureInfo.InvariantCulture),
            ["maxPatients"] = MaxPatients?.ToString(CultureInfo.InvariantCulture), ["minPrice"] = Blank(MinPrice), ["maxPrice"] = Blank(MaxPrice),
            ["minK"] = MinK?.ToString(CultureInfo.InvariantCulture), ["sort"] = Sort == CatalogSort.Newest ? null : Sort.ToString(),
            ["page"] = page == 1 ? null : page.ToString(CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString("/catalog", query.Where(kv => kv.Value is not null)!);
    }

    /// <summary>Reads a catalog address; unreadable values are left out rather than refused.</summary>
    public static (CatalogSearch Search, int Page) FromUri(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Get(string key) => query.TryGetValue(key, out var value) ? Blank(value.ToString()) : null;
        int? Int(string key) => int.TryParse(Get(key), CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;
        var search = new CatalogSearch
        {
            Text = Get("q"), Condition = Get("condition"), MinPatients = Int("minPatients"), MaxPatients = Int("maxPatients"),
            MinPrice = Get("minPrice"), MaxPrice = Get("maxPrice"), MinK = Int("minK"),
            Purpose = ulong.TryParse(Get("purpose"), CultureInfo.InvariantCulture, out var purpose) ? purpose : 0,
            Sort = Enum.TryParse<CatalogSort>(Get("sort"), out var sort) && Enum.IsDefined(sort) ? sort : CatalogSort.Newest,
        };
        return (search, Math.Max(1, Int("page") ?? 1));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
