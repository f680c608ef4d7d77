namespace EmrMarket.Data.Catalog;

internal static class LikePattern
{
    /// <summary>An ILIKE pattern for "contains <paramref name="text"/>", its pattern characters escaped; null for no text.</summary>
    public static string? Contains(string? text) => string.IsNullOrWhiteSpace(text) ? null
        : "%" + text.Trim().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
