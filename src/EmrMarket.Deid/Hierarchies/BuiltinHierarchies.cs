using System.Globalization;
using EmrMarket.Deid.Identifiers;
using EmrMarket.Deid.Internal;

namespace EmrMarket.Deid.Hierarchies;

/// <summary>Materializes the built-in hierarchies over the values a column holds.</summary>
internal static class BuiltinHierarchies
{
    private const string Top = "*";

    public static Hierarchy Build(BuiltinHierarchy kind, IReadOnlyList<string> values, string column)
    {
        var rows = kind switch
        {
            BuiltinHierarchy.Age => AgeRows(values, column),
            BuiltinHierarchy.Zip => values.Select(v => ZipRow(v, column)),
            BuiltinHierarchy.Date => values.Select(v => DateRow(v, column)),
            _ => values.Select(v => (IReadOnlyList<string>)[v, Top]),
        };
        return Hierarchy.FromRows(rows.ToList(), column);
    }

    private static IEnumerable<IReadOnlyList<string>> AgeRows(IReadOnlyList<string> values, string column)
    {
        // With Safe Harbor's "90+" in the data, every band reaching 90 is open-ended, so that "93"
        // (if present too) and "90+" generalize alike and the hierarchy stays a tree.
        var pooled = values.Contains(SafeHarbor.AgeNinetyOrOlder);
        foreach (var value in values)
        {
            if (value.Length == 0) { yield return ["", "", "", "", Top]; continue; }
            int age;
            if (value == SafeHarbor.AgeNinetyOrOlder) age = 90;
            else if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out age))
                throw new DeidException($"column '{column}': '{value}' is not an age in whole years (builtin:age)", column, value);
            if (pooled) age = Math.Min(age, 90);
            yield return [value, Band(age, 5, pooled), Band(age, 10, pooled), Band(age, 20, pooled), Top];
        }
    }

    private static string Band(int age, int width, bool pooled)
    {
        var start = age / width * width;
        return pooled && start + width > 90
            ? string.Create(CultureInfo.InvariantCulture, $"{start}+")
            : string.Create(CultureInfo.InvariantCulture, $"{start}-{start + width - 1}");
    }

    private static IReadOnlyList<string> ZipRow(string value, string column)
    {
        if (value.Length == 0) return ["", "", "", Top];
        var zip3 = SafeHarbor.Zip3(value, column);
        var state = zip3 == UsZipAreas.RestrictedCode ? UsZipAreas.RestrictedCode : UsZipAreas.StateOf(zip3);
        return [value, zip3, state, Top];
    }

    private static IReadOnlyList<string> DateRow(string value, string column)
    {
        if (value.Length == 0) return ["", "", "", Top];
        if (!DateText.TryParse(value, out var date))
            throw new DeidException($"column '{column}': '{value}' is not an ISO date (yyyy-MM-dd) (builtin:date)", column, value);
        return [value, date.ToString("yyyy-MM", CultureInfo.InvariantCulture), date.ToString("yyyy", CultureInfo.InvariantCulture), Top];
    }
}
