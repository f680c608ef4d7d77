using System.Globalization;

namespace EmrMarket.Fhir.Model;

/// <summary>
/// A FHIR date, dateTime or instant (FHIR R4 §2.24.0.1): the first instant it covers and how precise it was.
/// A value without a time is taken at 00:00 UTC, since FHIR gives dates without a zone.
/// </summary>
/// <param name="Start">The first instant the value covers.</param>
/// <param name="Precision">How much of the value was given.</param>
public readonly record struct FhirDateTime(DateTimeOffset Start, FhirDatePrecision Precision)
{
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>The calendar year.</summary>
    public int Year => Start.Year;

    /// <summary>Parses YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with seconds and a zone; false for anything else.</summary>
    public static bool TryParse(string? text, out FhirDateTime value)
    {
        value = default;
        if (string.IsNullOrEmpty(text)) return false;
        var culture = CultureInfo.InvariantCulture;
        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        DateTimeOffset start;
        switch (text.Length)
        {
            case 4 when DateTimeOffset.TryParseExact(text, "yyyy", culture, utc, out start):
                value = new FhirDateTime(start, FhirDatePrecision.Year);
                return true;
            case 7 when DateTimeOffset.TryParseExact(text, "yyyy-MM", culture, utc, out start):
                value = new FhirDateTime(start, FhirDatePrecision.Month);
                return true;
            case 10 when DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", culture, utc, out start):
                value = new FhirDateTime(start, FhirDatePrecision.Day);
                return true;
        }
        if (text.Length > 10 && DateTimeOffset.TryParseExact(text, TimeFormats, culture, DateTimeStyles.None, out start))
        {
            value = new FhirDateTime(start.ToUniversalTime(), FhirDatePrecision.Time);
            return true;
        }
        return false;
    }
}
