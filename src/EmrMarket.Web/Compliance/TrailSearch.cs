using System.Globalization;
using EmrMarket.Core.Audit;
using EmrMarket.Core.Consent;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace EmrMarket.Web.Compliance;

/// <summary>
/// The consent trail's filter as typed in the form and as carried by the export links
/// (?patient=0x…&amp;purpose=1&amp;from=2026-01-01&amp;to=…&amp;kind=revoke), so an export holds exactly what the page shows.
/// </summary>
public sealed class TrailSearch
{
    public string? Patient { get; set; }
    public ulong Purpose { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public ConsentChangeKind Kind { get; set; }

    /// <exception cref="AuditException">The patient key is not an address, or the window ends before it starts.</exception>
    public ConsentTrailQuery ToQuery(int limit)
    {
        var query = new ConsentTrailQuery(
            string.IsNullOrWhiteSpace(Patient) ? null : PatientKey.Parse(Patient),
            Purpose == 0 ? null : (Core.Consent.Purpose)Purpose,
            Utc(From), Utc(To), Kind, limit);
        query.Validate();
        return query;
    }

    public string QueryString()
    {
        var fields = new Dictionary<string, string?>
        {
            ["patient"] = string.IsNullOrWhiteSpace(Patient) ? null : Patient.Trim(),
            ["purpose"] = Purpose == 0 ? null : Purpose.ToString(CultureInfo.InvariantCulture),
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["kind"] = Kind == ConsentChangeKind.Any ? null : Kind.ToString().ToLowerInvariant(),
        };
        return QueryHelpers.AddQueryString("", fields.Where(f => f.Value is not null)!);
    }

    /// <summary>Reads the fields of <see cref="QueryString"/>; an unreadable one is refused naming it.</summary>
    /// <exception cref="AuditException">A purpose, date or kind that cannot be read.</exception>
    public static TrailSearch Parse(IReadOnlyDictionary<string, StringValues> query)
    {
        string? Get(string key) => query.TryGetValue(key, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString().Trim() : null;
        DateTime? Date(string key) => Get(key) is not { } text ? null
            : DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
            : throw new AuditException($"'{key}' must be a date like 2026-01-31, not '{text}'");
        return new TrailSearch
        {
            Patient = Get("patient"),
            Purpose = Get("purpose") is not { } p ? 0
                : ulong.TryParse(p, CultureInfo.InvariantCulture, out var purpose) ? purpose
                : throw new AuditException($"'purpose' must be a purpose number, not '{p}'"),
            From = Date("from"),
            To = Date("to"),
            Kind = Get("kind") is not { } k ? ConsentChangeKind.Any
                : Enum.TryParse<ConsentChangeKind>(k, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind
                : throw new AuditException($"'kind' must be grant, revoke or any, not '{k}'"),
        };
    }

    private static DateTimeOffset? Utc(DateTime? date) => date is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d.Date, DateTimeKind.Utc)) : null;
}
