using EmrMarket.Deid.Hierarchies;

namespace EmrMarket.Deid.Tests;

/// <summary>
/// An independent, deliberately naive solver: it generalizes every row's values as strings for every
/// node of the lattice, groups them in a dictionary and computes the privacy model and the three
/// metrics straight from their definitions (ARX's MetricMDNMLoss, MetricMDNUNMEntropy,
/// MetricSDNMDiscernability). It shares no code with the engine's search.
/// </summary>
internal static class BruteForce
{
    public sealed record Attribute(string[] Values, Hierarchy Hierarchy, int MinLevel);

    public sealed record Node(int[] Levels, bool Satisfied, long Suppressed, double Loss, int LevelSum, long Id);

    public static IEnumerable<Node> AllNodes(
        IReadOnlyList<Attribute> attributes, int k, double suppressionLimit, LDiversity? diversity,
        IReadOnlyList<string[]> sensitive, InformationLossMetric metric)
    {
        var rows = attributes[0].Values.Length;
        var maxSuppressed = (long)Math.Floor(suppressionLimit * rows);
        var ranges = attributes.Select(a => a.Hierarchy.Levels - a.MinLevel).ToArray();
        var total = ranges.Aggregate(1L, (a, b) => a * b);
        for (long id = 0; id < total; id++)
        {
            var levels = new int[attributes.Count];
            var rest = id;
            for (var d = 0; d < levels.Length; d++)
            {
                levels[d] = attributes[d].MinLevel + (int)(rest % ranges[d]);
                rest /= ranges[d];
            }
            yield return Evaluate(attributes, levels, k, maxSuppressed, diversity, sensitive, metric, id);
        }
    }

    public static Node? Optimum(IEnumerable<Node> nodes) =>
        nodes.Where(n => n.Satisfied).OrderBy(n => n.Loss).ThenBy(n => n.LevelSum).ThenBy(n => n.Id).FirstOrDefault();

    private static Node Evaluate(
        IReadOnlyList<Attribute> attributes, int[] levels, int k, long maxSuppressed, LDiversity? diversity,
        IReadOnlyList<string[]> sensitive, InformationLossMetric metric, long id)
    {
        var rows = attributes[0].Values.Length;
        var generalized = new string[rows][];
        var classes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var r = 0; r < rows; r++)
        {
            generalized[r] = attributes.Select((a, d) => a.Hierarchy.Generalize(a.Values[r], levels[d])).ToArray();
            var key = string.Join("\u0001", generalized[r]);
            if (!classes.TryGetValue(key, out var members)) classes[key] = members = [];
            members.Add(r);
        }
        var suppressedRow = new bool[rows];
        foreach (var members in classes.Values)
        {
            var drop = members.Count < k || (diversity is not null && sensitive.Any(column => !Diverse(members.Select(r => column[r]).ToList(), diversity)));
            if (drop) foreach (var r in members) suppressedRow[r] = true;
        }
        long suppressed = suppressedRow.Count(s => s);
        var satisfied = suppressed <= maxSuppressed;
        var loss = metric switch
        {
            InformationLossMetric.Loss => Loss(attributes, levels, generalized, suppressedRow),
            InformationLossMetric.NonUniformEntropy => Entropy(attributes, levels, generalized, suppressedRow),
            _ => classes.Values.Sum(m => suppressedRow[m[0]] ? (double)m.Count * rows : (double)m.Count * m.Count),
        };
        return new Node(levels, satisfied, suppressed, loss, levels.Sum(), id);
    }

    private static bool Diverse(List<string> values, LDiversity diversity)
    {
        var counts = values.GroupBy(v => v).Select(g => (double)g.Count()).ToList();
        if (diversity.Variant == LDiversityVariant.Distinct) return counts.Count >= diversity.L;
        var entropy = -counts.Sum(c => c / values.Count * Math.Log(c / values.Count));
        return entropy >= Math.Log(diversity.L) - 1e-12;
    }

    private static double Loss(IReadOnlyList<Attribute> attributes, int[] levels, string[][] generalized, bool[] suppressedRow)
    {
        var rows = generalized.Length;
        var product = 1d;
        for (var d = 0; d < attributes.Count; d++)
        {
            var hierarchy = attributes[d].Hierarchy;
            var domain = hierarchy.Values.Count;
            var leavesUnder = hierarchy.Values.GroupBy(v => hierarchy.Generalize(v, levels[d])).ToDictionary(g => g.Key, g => (long)g.Count());
            long numerator = 0;
            for (var r = 0; r < rows; r++) numerator += suppressedRow[r] ? domain : leavesUnder[generalized[r][d]];
            var normalized = domain <= 1 ? 0 : Math.Max(0, (double)(numerator - rows) / ((double)rows * (domain - 1)));
            normalized = Math.Floor(normalized * 1e10) / 1e10;
            product *= Math.Pow(normalized + 1, 1d / attributes.Count);
        }
        return product - 1;
    }

    private static double Entropy(IReadOnlyList<Attribute> attributes, int[] levels, string[][] generalized, bool[] suppressedRow)
    {
        var rows = generalized.Length;
        var total = 0d;
        for (var d = 0; d < attributes.Count; d++)
        {
            var original = attributes[d].Values;
            var originalCounts = original.GroupBy(v => v).ToDictionary(g => g.Key, g => (double)g.Count());
            var generalizedCounts = Enumerable.Range(0, rows).GroupBy(r => generalized[r][d]).ToDictionary(g => g.Key, g => (double)g.Count());
            var value = 0d;
            foreach (var (v, a) in originalCounts.OrderBy(p => Array.IndexOf(attributes[d].Hierarchy.Values.ToArray(), p.Key)))
            {
                var b = generalizedCounts[attributes[d].Hierarchy.Generalize(v, levels[d])];
                value += a * Math.Log2(a / b);
            }
            var suppressedRows = Enumerable.Range(0, rows).Where(r => suppressedRow[r]).ToList();
            if (suppressedRows.Count > 0)
            {
                var labels = attributes[d].Hierarchy.LevelValues(levels[d]).ToList();
                foreach (var group in suppressedRows.GroupBy(r => generalized[r][d]).OrderBy(g => labels.IndexOf(g.Key)))
                    value += group.Count() * Math.Log2((double)group.Count() / suppressedRows.Count);
            }
            total += Math.Floor((value == 0 ? 0 : -value) * 1e10) / 1e10;
        }
        return total;
    }
}
