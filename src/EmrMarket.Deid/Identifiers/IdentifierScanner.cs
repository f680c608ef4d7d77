using System.Text.RegularExpressions;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Identifiers;

/// <summary>
/// Checks a table for identifiers left behind: names seen in the input, full dates and month-year
/// date elements, 5-digit ZIP codes, telephone and social security numbers, e-mail addresses,
/// medical record numbers, URLs, IP addresses and UUIDs (45 CFR 164.514(b)(2)(i)). It reads each
/// distinct cell of a column once and reports the first row of each finding; it never reports the
/// value.
/// </summary>
public sealed partial class IdentifierScanner
{
    private readonly HashSet<string> names;
    private readonly HashSet<string> wholeNames;
    private readonly (Regex Pattern, IdentifierKind Kind, string Rule)[] rules;

    /// <summary>Creates a scanner.</summary>
    /// <param name="knownNames">Names seen in the input (whole names or name parts); any word of a cell equal to one of them, ignoring case, is a finding.</param>
    /// <param name="medicalRecordNumberPatterns">Patterns of the providers' medical record numbers, in addition to the built-in <c>MRN…</c> rule.</param>
    public IdentifierScanner(IEnumerable<string>? knownNames = null, IEnumerable<Regex>? medicalRecordNumberPatterns = null)
    {
        names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        wholeNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in knownNames ?? [])
        {
            wholeNames.Add(name.Trim());
            foreach (var word in WordsOf(name))
                if (word.Length >= 2) names.Add(word.ToString());
        }
        rules =
        [
            (EmailPattern(), IdentifierKind.Email, "e-mail address"),
            (UrlPattern(), IdentifierKind.Url, "URL"),
            (SsnPattern(), IdentifierKind.SocialSecurityNumber, "social security number"),
            (PhonePattern(), IdentifierKind.Telephone, "telephone number"),
            (IsoDatePattern(), IdentifierKind.Date, "full date"),
            (NumericDatePattern(), IdentifierKind.Date, "full date"),
            (TextDatePattern(), IdentifierKind.Date, "full date"),
            (MonthYearPattern(), IdentifierKind.Date, "month and year"),
            (UuidPattern(), IdentifierKind.OtherUniqueIdentifier, "UUID"),
            (IpPattern(), IdentifierKind.IpAddress, "IP address"),
            (ZipPattern(), IdentifierKind.ZipCode, "5-digit ZIP code"),
            (MrnPattern(), IdentifierKind.MedicalRecordNumber, "medical record number"),
            .. (medicalRecordNumberPatterns ?? []).Select(p => (p, IdentifierKind.MedicalRecordNumber, "medical record number")),
        ];
    }

    /// <summary>A scanner that knows the names in the input's name columns (<see cref="IdentifierKind.Name"/>).</summary>
    public static IdentifierScanner ForInput(Table input, IEnumerable<Regex>? medicalRecordNumberPatterns = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < input.Schema.Count; c++)
        {
            if (input.Schema[c].Kind != IdentifierKind.Name) continue;
            foreach (var cell in input.Cells(c))
                if (!string.IsNullOrWhiteSpace(cell)) known.Add(cell);
        }
        return new IdentifierScanner(known, medicalRecordNumberPatterns);
    }

    /// <summary>The kind of identifier a single cell shows, if any, and the rule that found it.</summary>
    public (IdentifierKind Kind, string Rule)? Check(string? cell) => Check(cell, wholeNamesOnly: false);

    /// <summary>
    /// As <see cref="Check(string)"/>; with <paramref name="wholeNamesOnly"/>, a cell matches a name
    /// only if it is a whole name seen in the input — for curated labels such as a race category
    /// "White", which a patient's surname must not make a finding.
    /// </summary>
    internal (IdentifierKind Kind, string Rule)? Check(string? cell, bool wholeNamesOnly)
    {
        if (string.IsNullOrEmpty(cell)) return null;
        var span = cell.AsSpan();
        var worthMatching = span.IndexOfAnyInRange('0', '9') >= 0 || span.Contains('@')
            || span.Contains("://", StringComparison.Ordinal) || span.Contains("www.", StringComparison.OrdinalIgnoreCase);
        if (worthMatching)
        {
            foreach (var (pattern, kind, rule) in rules)
                if (pattern.IsMatch(cell)) return (kind, rule);
        }
        if (wholeNamesOnly) return wholeNames.Contains(cell.Trim()) ? (IdentifierKind.Name, "name seen in the input") : null;
        if (names.Count > 0)
        {
            var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var word in WordsOf(cell))
                if (lookup.Contains(word.Span)) return (IdentifierKind.Name, "name seen in the input");
        }
        return null;
    }

    /// <summary>Scans every cell of a table, each distinct value of a column once.</summary>
    /// <param name="table">The table to check, usually a de-identified output.</param>
    /// <param name="exemptColumns">Columns not to scan, such as a pseudonym column (a re-identification code, 45 CFR 164.514(c)).</param>
    /// <param name="labelColumns">Columns of curated labels (generalized quasi-identifiers): a name matches there only as a whole, so a category such as "White" is not mistaken for a patient's surname.</param>
    /// <returns>At most one finding per column and rule, at the first row it occurs.</returns>
    public IReadOnlyList<IdentifierFinding> Scan(Table table, IReadOnlySet<string>? exemptColumns = null, IReadOnlySet<string>? labelColumns = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var findings = new List<IdentifierFinding>();
        for (var c = 0; c < table.Schema.Count; c++)
        {
            var name = table.Schema[c].Name;
            if (exemptColumns?.Contains(name) != true) findings.AddRange(ScanColumn(name, table.Cells(c), labelColumns?.Contains(name) == true));
        }
        return findings;
    }

    /// <summary>Scans one column's cells, each distinct value once (by reference first, which is cheap when values share instances).</summary>
    internal List<IdentifierFinding> ScanColumn(string column, string?[] cells, bool wholeNamesOnly = false)
    {
        var findings = new List<IdentifierFinding>();
        var rules = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>? byReference = new(ReferenceEqualityComparer.Instance);
        var byValue = new HashSet<string>(StringComparer.Ordinal);
        string? last = null;
        for (var r = 0; r < cells.Length; r++)
        {
            var cell = cells[r];
            if (cell is null || ReferenceEquals(cell, last)) continue;
            last = cell;
            if (byReference is not null)
            {
                if (!byReference.Add(cell)) continue;
                if (byReference.Count > 1 << 16) byReference = null;
            }
            if (!byValue.Add(cell)) continue;
            if (Check(cell, wholeNamesOnly) is { } hit && rules.Add(hit.Rule)) findings.Add(new IdentifierFinding(column, r, hit.Kind, hit.Rule));
        }
        return findings;
    }

    /// <summary>Scans generalized labels given as distinct values (whole names only); <paramref name="firstRow"/> locates a value only when it is a finding.</summary>
    internal List<IdentifierFinding> ScanLabels(string column, IEnumerable<string> values, Func<string, int> firstRow)
    {
        var findings = new List<IdentifierFinding>();
        var rules = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (Check(value, wholeNamesOnly: true) is { } hit && rules.Add(hit.Rule)) findings.Add(new IdentifierFinding(column, firstRow(value), hit.Kind, hit.Rule));
        }
        return findings.OrderBy(f => f.Row).ToList();
    }

    private static IEnumerable<ReadOnlyMemory<char>> WordsOf(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0) { yield return text.AsMemory(start, i - start); start = -1; }
        }
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(?:https?|ftp)://\S+|\bwww\.[A-Za-z0-9-]+\.\S+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")]
    private static partial Regex SsnPattern();

    [GeneratedRegex(@"(?<![\d-])(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?!\d)")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"(?<!\d)\d{4}[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])(?!\d)")]
    private static partial Regex IsoDatePattern();

    [GeneratedRegex(@"(?<![\d./-])(?:(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:\d{4}|\d{2})|(?:0?[1-9]|[12]\d|3[01])([.-])(?:0?[1-9]|1[0-2])\1\d{4})(?![\d./-])")]
    private static partial Regex NumericDatePattern();

    [GeneratedRegex(@"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex TextDatePattern();

    [GeneratedRegex(@"(?<![\d-])(?:(?:19|20)\d{2}[-/](?:0[1-9]|1[0-2])|(?:0?[1-9]|1[0-2])/(?:19|20)\d{2})(?![\d-])")]
    private static partial Regex MonthYearPattern();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex UuidPattern();

    [GeneratedRegex(@"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")]
    private static partial Regex IpPattern();

    [GeneratedRegex(@"(?<![\d-])\d{5}(?:-\d{4})?(?![\d-])")]
    private static partial Regex ZipPattern();

    [GeneratedRegex(@"\bMRN\b\s*[:#-]?\s*[A-Za-z0-9-]+", RegexOptions.IgnoreCase)]
    private static partial Regex MrnPattern();
}
