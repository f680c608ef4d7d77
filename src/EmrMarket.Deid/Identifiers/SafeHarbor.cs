using System.Globalization;
using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Internal;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Identifiers;

/// <summary>
/// The transforms of HIPAA's Safe Harbor method, 45 CFR 164.514(b)(2)(i): identifiers (A) and
/// (D)–(R) and geographic subdivisions other than the ZIP code (B) are removed; a ZIP code keeps its
/// first three digits, or becomes 000 in a restricted area (B); a date keeps its year (C); an age
/// over 89 becomes "90+" (C).
/// </summary>
public static class SafeHarbor
{
    /// <summary>The single category ages over 89 are pooled into.</summary>
    public const string AgeNinetyOrOlder = "90+";

    /// <summary>Whether Safe Harbor removes a column of this kind outright (rather than transforming it).</summary>
    public static bool Removes(IdentifierKind kind) =>
        kind is not (IdentifierKind.None or IdentifierKind.ZipCode or IdentifierKind.Date or IdentifierKind.Age);

    /// <summary>The first three digits of a ZIP code, or 000 for a restricted area (<see cref="UsZipAreas"/>).</summary>
    /// <exception cref="DeidException">Not a five-digit ZIP code or ZIP+4.</exception>
    public static string Zip3(string zip, string? column = null)
    {
        if (!IsZip(zip)) throw new DeidException($"column '{column}': '{zip}' is not a ZIP code (5 digits or ZIP+4)", column, zip);
        var prefix = zip[..3];
        return UsZipAreas.IsRestricted(prefix) ? UsZipAreas.RestrictedCode : prefix;
    }

    /// <summary>The year of an ISO date, the only date element Safe Harbor keeps.</summary>
    /// <exception cref="DeidException">Not an ISO date.</exception>
    public static string Year(string date, string? column = null) =>
        DateText.TryParse(date, out var parsed)
            ? parsed.Year.ToString("D4", CultureInfo.InvariantCulture)
            : throw new DeidException($"column '{column}': '{date}' is not an ISO date (yyyy-MM-dd)", column, date);

    /// <summary>An age in years, with ages over 89 pooled into "90+".</summary>
    /// <exception cref="DeidException">Not a whole number of years.</exception>
    public static string Age(string age, string? column = null)
    {
        if (age == AgeNinetyOrOlder) return age;
        if (!int.TryParse(age, NumberStyles.None, CultureInfo.InvariantCulture, out var years))
            throw new DeidException($"column '{column}': '{age}' is not an age in whole years", column, age);
        return years > 89 ? AgeNinetyOrOlder : age;
    }

    /// <summary>
    /// Applies Safe Harbor to a whole table by each column's role and <see cref="IdentifierKind"/>:
    /// direct identifiers and removable kinds are dropped, ZIP codes, dates and ages transformed;
    /// missing (empty) cells stay missing.
    /// </summary>
    public static Table Apply(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var schema = new List<ColumnSchema>();
        var cells = new List<string?[]>();
        for (var c = 0; c < table.Schema.Count; c++)
        {
            var column = table.Schema[c];
            if (column.Role == ColumnRole.DirectIdentifier || Removes(column.Kind)) continue;
            schema.Add(column);
            cells.Add(Transform(column, table.Cells(c)));
        }
        return new Table(schema, cells);
    }

    /// <summary>Transforms one column's cells by its kind; columns of other kinds are returned as they are.</summary>
    internal static string?[] Transform(ColumnSchema column, string?[] cells)
    {
        Func<string, string?, string>? transform = column.Kind switch
        {
            IdentifierKind.ZipCode => Zip3,
            IdentifierKind.Date => Year,
            IdentifierKind.Age => Age,
            _ => null,
        };
        if (transform is null) return cells;
        var cache = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new string?[cells.Length];
        for (var r = 0; r < cells.Length; r++)
        {
            var cell = cells[r];
            if (string.IsNullOrEmpty(cell)) { result[r] = cell; continue; }
            if (!cache.TryGetValue(cell, out var output)) cache[cell] = output = transform(cell, column.Name);
            result[r] = output;
        }
        return result;
    }

    internal static bool IsZip(string zip) =>
        (zip.Length == 5 || (zip.Length == 10 && zip[5] == '-' && AllDigits(zip.AsSpan(6)))) && AllDigits(zip.AsSpan(0, 5));

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
