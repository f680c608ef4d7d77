using System.Numerics;

namespace EmrMarket.Core.Catalog;

/// <summary>
/// What a researcher asks the catalog for (every filter optional). Prices are in the token's smallest unit;
/// <see cref="Condition"/> matches a condition code of the cohort or words of the title or description.
/// </summary>
public sealed record CatalogFilter
{
    public const int MaxPageSize = 100;

    public string? Text { get; init; }
    public ulong Purpose { get; init; }
    public string? Condition { get; init; }
    public int? MinPatients { get; init; }
    public int? MaxPatients { get; init; }
    public BigInteger? MinPrice { get; init; }
    public BigInteger? MaxPrice { get; init; }
    public int? MinK { get; init; }
    public CatalogSort Sort { get; init; } = CatalogSort.Newest;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;

    /// <summary>The filter with its numbers brought into range (page from 1, page size 1 to <see cref="MaxPageSize"/>).</summary>
    public CatalogFilter Normalized() => this with
    {
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        Condition = string.IsNullOrWhiteSpace(Condition) ? null : Condition.Trim(),
        Page = Math.Max(1, Page),
        PageSize = Math.Clamp(PageSize, 1, MaxPageSize),
    };
}
