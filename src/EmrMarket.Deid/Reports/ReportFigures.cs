using System.Globalization;
using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Internal;

namespace EmrMarket.Deid.Reports;

/// <summary>Computes the report's figures from class sizes and value counts.</summary>
internal static class ReportFigures
{
    private const int TopValues = 20;
    private const string Other = "(other)";
    private static readonly (int From, int To)[] Bins = [(1, 1), (2, 4), (5, 10), (11, 19), (20, 49), (50, 99), (100, 999), (1000, int.MaxValue)];

    /// <summary>Risk over classes of the given sizes (El Emam and Dankar 2008); population classes are estimated as f / sampling fraction.</summary>
    public static RiskFigures Risk(IReadOnlyList<int> sizes, double samplingFraction)
    {
        long records = 0, below2 = 0, below5 = 0, below11 = 0;
        var smallest = int.MaxValue;
        foreach (var size in sizes)
        {
            records += size;
            smallest = Math.Min(smallest, size);
            if (size < 2) below2 += size;
            if (size < 5) below5 += size;
            if (size < 11) below11 += size;
        }
        if (records == 0) return new RiskFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        double n = records;
        var smallestPopulation = Math.Max(smallest, smallest / samplingFraction);
        return new RiskFigures(
            records,
            sizes.Count,
            smallest,
            ProsecutorHighest: 1d / smallest,
            ProsecutorAverage: sizes.Count / n,
            JournalistHighest: 1d / smallestPopulation,
            MarketerRisk: sizes.Count * Math.Min(1, samplingFraction) / n,
            below2 / n,
            below5 / n,
            below11 / n);
    }

    public static IReadOnlyList<ClassSizeBin> Histogram(IReadOnlyList<int> sizes)
    {
        var classes = new int[Bins.Length];
        var records = new long[Bins.Length];
        foreach (var size in sizes)
        {
            var bin = Array.FindIndex(Bins, b => size >= b.From && size <= b.To);
            classes[bin]++;
            records[bin] += size;
        }
        return Bins.Select((b, i) => new ClassSizeBin(Label(b), classes[i], records[i])).Where(b => b.Classes > 0).ToList();
    }

    /// <summary>The most frequent values; those held by fewer than k records and those beyond the top are gathered into "(other)".</summary>
    public static IReadOnlyList<ValueCount> Top(IReadOnlyList<string> values, IReadOnlyList<long> counts, int k)
    {
        var order = Enumerable.Range(0, values.Count).Where(i => counts[i] > 0)
            .OrderByDescending(i => counts[i]).ThenBy(i => values[i], StringComparer.Ordinal).ToList();
        var top = new List<ValueCount>();
        long other = 0;
        foreach (var i in order)
        {
            if (top.Count < TopValues && counts[i] >= k) top.Add(new ValueCount(values[i], counts[i]));
            else other += counts[i];
        }
        if (other > 0) top.Add(new ValueCount(Other, other));
        return top;
    }

    public static PolicySummary Policy(PreparedInput input, IReadOnlyList<QiAttribute> attributes)
    {
        var policy = input.Policy;
        return new PolicySummary(
            policy.K,
            policy.SuppressionLimit,
            input.MaxOutliers,
            policy.Metric,
            policy.LDiversity is { } l ? string.Create(CultureInfo.InvariantCulture, $"{l.Variant.ToString().ToLowerInvariant()} {l.L}") : null,
            policy.SafeHarbor,
            UsZipAreas.RestrictedAreasVersion,
            policy.QuasiIdentifiers.Select((q, d) => new QuasiIdentifierSummary(q.Column, q.Hierarchy.Description, attributes[d].Levels, attributes[d].MinLevel)).ToList(),
            input.Sensitive.Select(c => input.Table.Schema[c].Name).ToList(),
            policy.PseudonymColumn,
            policy.DateShiftDays,
            policy.SamplingFraction);
    }

    private static string Label((int From, int To) bin) =>
        bin.From == bin.To ? bin.From.ToString(CultureInfo.InvariantCulture)
        : bin.To == int.MaxValue ? string.Create(CultureInfo.InvariantCulture, $"{bin.From}+")
        : string.Create(CultureInfo.InvariantCulture, $"{bin.From}–{bin.To}");
}
