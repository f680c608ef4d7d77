using System.Globalization;

namespace EmrMarket.Deid.Internal;

/// <summary>Reads the ISO 8601 dates cells hold: <c>yyyy-MM-dd</c>, optionally followed by a time.</summary>
internal static class DateText
{
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        if (text is null || text.Length < 10) return false;
        if (text.Length > 10 && text[10] != 'T' && text[10] != ' ') return false;
        return DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
