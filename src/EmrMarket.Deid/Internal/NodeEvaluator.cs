using System.Numerics;

namespace EmrMarket.Deid.Internal;

/// <summary>Checks a node's classes against the privacy model and, when it is satisfied, measures its information loss.</summary>
internal sealed class NodeEvaluator<TKey>(PrivacyModel model, MetricModel metric) where TKey : unmanaged, IBinaryInteger<TKey>
{
    private bool[] suppressed = [];
    private int[] distinct = [];
    private double[] sumCLogC = [];

    public NodeCheck Check(ClassTable<TKey> table, bool measure)
    {
        var flags = Suppressed(table, out var tooSmall, out var total);
        var satisfied = total <= model.MaxOutliers;
        var propagates = !satisfied && (tooSmall > model.MaxOutliers || model.Monotone);
        var loss = satisfied && measure ? metric.Value(table, flags) : double.NaN;
        return new NodeCheck(satisfied, propagates, total, loss);
    }

    /// <summary>Flags the classes to suppress: smaller than k, or not l-diverse in some sensitive column.</summary>
    public ReadOnlySpan<bool> Suppressed(ClassTable<TKey> table, out long tooSmall, out long total)
    {
        if (suppressed.Length < table.Length) suppressed = new bool[Math.Max(table.Length, suppressed.Length * 2)];
        var flags = suppressed.AsSpan(0, table.Length);
        tooSmall = 0;
        for (var c = 0; c < table.Length; c++)
        {
            flags[c] = table.Counts[c] < model.K;
            if (flags[c]) tooSmall += table.Counts[c];
        }
        total = tooSmall;
        if (model.LDiversity is { } diversity && (table.Sensitive is not null || table.SensitiveSets is not null))
        {
            foreach (var entries in table.Sensitive ?? []) FlagNotDiverse(table, entries, diversity, flags);
            foreach (var sets in table.SensitiveSets ?? [])
            {
                for (var c = 0; c < table.Length; c++)
                    flags[c] |= BitOperations.PopCount(sets[c]) < diversity.L;
            }
            total = 0;
            for (var c = 0; c < table.Length; c++)
                if (flags[c]) total += table.Counts[c];
        }
        return flags;
    }

    private void FlagNotDiverse(ClassTable<TKey> table, SensitiveEntries entries, LDiversity diversity, Span<bool> flags)
    {
        if (distinct.Length < table.Length)
        {
            distinct = new int[table.Length];
            sumCLogC = new double[table.Length];
        }
        var entropy = diversity.Variant == LDiversityVariant.Entropy;
        Array.Clear(distinct, 0, table.Length);
        if (entropy) Array.Clear(sumCLogC, 0, table.Length);
        for (var e = 0; e < entries.Length; e++)
        {
            var c = SensitiveEntries.ClassOf(entries.Pairs[e]);
            distinct[c]++;
            if (entropy)
            {
                double count = entries.Counts[e];
                sumCLogC[c] += count * Math.Log(count);
            }
        }
        var threshold = Math.Log(diversity.L) - 1e-12;
        for (var c = 0; c < table.Length; c++)
        {
            if (flags[c]) continue;
            if (diversity.Variant == LDiversityVariant.Distinct)
            {
                flags[c] = distinct[c] < diversity.L;
                continue;
            }
            // Entropy of the class's sensitive values: ln n − (1/n) Σ c ln c.
            double n = table.Counts[c];
            flags[c] = Math.Log(n) - sumCLogC[c] / n < threshold;
        }
    }
}
