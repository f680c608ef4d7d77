using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Tests;

/// <summary>A random small table with random tree hierarchies and a random policy, for property tests against <see cref="BruteForce"/>.</summary>
internal sealed record RandomInstance(Table Table, DeidPolicy Policy, BruteForce.Attribute[] Attributes, string[][] Sensitive)
{
    public static RandomInstance Create(int seed, InformationLossMetric metric, bool entropyDiversityWithSuppression = false, bool manySensitiveValues = false)
    {
        var random = new Random(seed);
        var dimensions = random.Next(1, 6);
        var rows = random.Next(8, 500);
        var schema = new List<ColumnSchema>();
        var cells = new List<string?[]>();
        var quasi = new List<QuasiIdentifier>();
        var attributes = new List<BruteForce.Attribute>();
        for (var d = 0; d < dimensions; d++)
        {
            var domain = random.Next(2, 13);
            var values = Enumerable.Range(0, domain).Select(v => $"q{d}v{v}").ToArray();
            var hierarchy = RandomHierarchy(random, values, d);
            // Skewed draws, and some hierarchy values never drawn, so the domain is larger than the data.
            var used = random.Next(1, domain + 1);
            var column = Enumerable.Range(0, rows).Select(_ => values[(int)(Math.Pow(random.NextDouble(), 1.5) * used)]).ToArray();
            var name = $"qi{d}";
            schema.Add(new ColumnSchema(name, ColumnRole.QuasiIdentifier));
            cells.Add(column);
            quasi.Add(new QuasiIdentifier(name, HierarchySource.Of(hierarchy)));
            attributes.Add(new BruteForce.Attribute(column, hierarchy, 0));
        }
        var sensitiveValues = manySensitiveValues ? random.Next(65, 90) : random.Next(1, 6);
        // Many sensitive values: skewed so that classes still reach l; few: uniform.
        var diagnosis = Enumerable.Range(0, rows)
            .Select(_ => $"s{(manySensitiveValues ? (int)(Math.Pow(random.NextDouble(), 3) * sensitiveValues) : random.Next(sensitiveValues))}").ToArray();
        schema.Add(new ColumnSchema("diagnosis", ColumnRole.Sensitive));
        cells.Add(diagnosis);
        LDiversity? diversity = entropyDiversityWithSuppression ? new LDiversity(1.1 + random.NextDouble(), LDiversityVariant.Entropy)
            : manySensitiveValues ? new LDiversity(random.Next(2, 5))
            : random.Next(3) switch
        {
            0 => new LDiversity(random.Next(2, 4), LDiversityVariant.Distinct),
            1 when seed % 2 == 0 => new LDiversity(1.2 + random.NextDouble(), LDiversityVariant.Entropy),
            _ => null,
        };
        var policy = new DeidPolicy
        {
            QuasiIdentifiers = quasi,
            K = Math.Min(rows, random.Next(2, 7)),
            SuppressionLimit = entropyDiversityWithSuppression ? new[] { 0.05, 0.2, 0.4 }[random.Next(3)] : new[] { 0, 0.02, 0.1, 0.3, 1 }[random.Next(5)],
            Metric = metric,
            LDiversity = diversity,
            SafeHarbor = false,
        };
        return new RandomInstance(new Table(schema, cells), policy, [.. attributes], [diagnosis]);
    }

    /// <summary>A tree over the values: each level merges the previous level's groups at random; the last level is "*".</summary>
    private static Hierarchy RandomHierarchy(Random random, string[] values, int d)
    {
        var depth = random.Next(1, 5);
        var rows = values.Select(v => new List<string> { v }).ToList();
        var groups = values.Select((_, i) => i).ToArray();
        for (var level = 1; level < depth; level++)
        {
            var distinct = groups.Distinct().ToArray();
            var target = Math.Max(1, distinct.Length / 2 + random.Next(0, 2));
            var merge = distinct.ToDictionary(g => g, _ => random.Next(target));
            for (var i = 0; i < values.Length; i++)
            {
                groups[i] = merge[groups[i]];
                rows[i].Add($"q{d}l{level}g{groups[i]}");
            }
        }
        foreach (var row in rows) row.Add("*");
        return Hierarchy.FromRows(rows.Select(r => (IReadOnlyList<string>)r).ToList());
    }
}
