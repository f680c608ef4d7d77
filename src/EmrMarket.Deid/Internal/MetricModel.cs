using System.Numerics;

namespace EmrMarket.Deid.Internal;

/// <summary>
/// The three information-loss measures, computed exactly as ARX does (see docs/deid.md), with the
/// parts that depend only on one attribute's level precomputed. Generalization parts are summed as
/// integers (Loss) or in a fixed order (entropy), so a node's value is the same however its classes
/// were computed, and the search's lower bounds equal the true values when nothing is suppressed.
/// </summary>
internal sealed class MetricModel
{
    private readonly IReadOnlyList<QiAttribute> attributes;
    private readonly long[][] generalizationNumerator;
    private readonly long[][] suppressionIncrement;
    private readonly double[][] generalizationEntropy;

    public MetricModel(IReadOnlyList<QiAttribute> attributes, InformationLossMetric metric, long records, int k)
    {
        this.attributes = attributes;
        Metric = metric;
        Records = records;
        K = k;
        generalizationNumerator = new long[attributes.Count][];
        generalizationEntropy = new double[attributes.Count][];
        suppressionIncrement = new long[attributes.Count][];
        for (var d = 0; d < attributes.Count; d++)
        {
            var attribute = attributes[d];
            generalizationNumerator[d] = new long[attribute.Levels];
            suppressionIncrement[d] = attribute.LeafCount.Select(counts => (long)attribute.DomainSize - counts.Max()).ToArray();
            generalizationEntropy[d] = new double[attribute.Levels];
            for (var level = 0; level < attribute.Levels; level++)
            {
                var map = attribute.BaseToLevel[level];
                var perLabel = new long[attribute.Cardinality[level]];
                for (var b = 0; b < map.Length; b++) perLabel[map[b]] += attribute.BaseRecords[b];
                long numerator = 0;
                var entropy = 0d;
                for (var b = 0; b < map.Length; b++)
                {
                    var a = attribute.BaseRecords[b];
                    numerator += a * attribute.LeafCount[level][map[b]];
                    entropy += a * Math.Log2((double)a / perLabel[map[b]]);
                }
                generalizationNumerator[d][level] = numerator;
                generalizationEntropy[d][level] = entropy == 0 ? 0 : -entropy;
            }
        }
    }

    public InformationLossMetric Metric { get; }

    public long Records { get; }

    public int K { get; }

    /// <summary>ARX's Metric.round: keep ten decimal digits, rounding down.</summary>
    public static double Floor10(double value) => Math.Floor(value * 1e10) / 1e10;

    /// <summary>
    /// A lower bound of the metric at a node that suppresses at least <paramref name="suppressed"/>
    /// records; it never decreases upwards for a fixed count, and is exact for Loss and entropy when
    /// the node suppresses nothing. Each suppressed record costs Loss at least the share its most
    /// general label leaves unexplained.
    /// </summary>
    public double LowerBound(ReadOnlySpan<int> levels, long suppressed = 0)
    {
        switch (Metric)
        {
            case InformationLossMetric.Loss:
                Span<double> components = stackalloc double[levels.Length];
                for (var d = 0; d < levels.Length; d++)
                    components[d] = NormalizedLoss(d, generalizationNumerator[d][levels[d]] + suppressed * suppressionIncrement[d][levels[d]]);
                return GeometricMean(components);
            case InformationLossMetric.NonUniformEntropy:
                var sum = 0d;
                for (var d = 0; d < levels.Length; d++) sum += Floor10(generalizationEntropy[d][levels[d]]);
                return sum;
            default:
                var product = 1d;
                for (var d = 0; d < levels.Length; d++) product *= attributes[d].Cardinality[levels[d]];
                var n = (double)Records;
                return Math.Max((double)K * n + suppressed * (n - K), n * n / Math.Min(product, n));
        }
    }

    /// <summary>The chosen metric for a node whose suppressed classes are flagged.</summary>
    public double Value<TKey>(ClassTable<TKey> table, ReadOnlySpan<bool> suppressed) where TKey : unmanaged, IBinaryInteger<TKey> =>
        Metric switch
        {
            InformationLossMetric.Loss => GeometricMean(LossComponents(table, suppressed)),
            InformationLossMetric.NonUniformEntropy => Entropy(table, suppressed),
            _ => Discernibility(table, suppressed),
        };

    /// <summary>Loss per attribute, each in [0, 1]: Iyengar's generalization loss, suppressed records counting 1.</summary>
    public double[] LossComponents<TKey>(ClassTable<TKey> table, ReadOnlySpan<bool> suppressed) where TKey : unmanaged, IBinaryInteger<TKey>
    {
        var dims = attributes.Count;
        var numerators = new long[dims];
        for (var d = 0; d < dims; d++) numerators[d] = generalizationNumerator[d][table.Levels[d]];
        for (var c = 0; c < table.Length; c++)
        {
            if (!suppressed[c]) continue;
            long count = table.Counts[c];
            for (var d = 0; d < dims; d++)
                numerators[d] += count * (attributes[d].DomainSize - attributes[d].LeafCount[table.Levels[d]][table.Code(c, d)]);
        }
        var components = new double[dims];
        for (var d = 0; d < dims; d++) components[d] = NormalizedLoss(d, numerators[d]);
        return components;
    }

    /// <summary>ARX's aggregate for Loss: the geometric mean of (value + 1), minus 1.</summary>
    public static double GeometricMean(ReadOnlySpan<double> components)
    {
        var result = 1d;
        for (var d = 0; d < components.Length; d++) result *= Math.Pow(components[d] + 1d, 1d / components.Length);
        return result - 1d;
    }

    /// <summary>Non-uniform entropy in bits, summed over attributes, suppression included (ARX's MetricMDNUNMEntropy).</summary>
    public double Entropy<TKey>(ClassTable<TKey> table, ReadOnlySpan<bool> suppressed) where TKey : unmanaged, IBinaryInteger<TKey>
    {
        var dims = attributes.Count;
        long suppressedRecords = 0;
        var perValue = new long[dims][];
        for (var d = 0; d < dims; d++) perValue[d] = new long[attributes[d].Cardinality[table.Levels[d]]];
        for (var c = 0; c < table.Length; c++)
        {
            if (!suppressed[c]) continue;
            suppressedRecords += table.Counts[c];
            for (var d = 0; d < dims; d++) perValue[d][table.Code(c, d)] += table.Counts[c];
        }
        var total = 0d;
        for (var d = 0; d < dims; d++)
        {
            var value = -generalizationEntropy[d][table.Levels[d]];
            if (suppressedRecords > 0)
            {
                foreach (var count in perValue[d])
                    if (count > 0) value += count * Math.Log2((double)count / suppressedRecords);
            }
            total += Floor10(value == 0 ? 0 : -value);
        }
        return total;
    }

    /// <summary>Discernibility: squared class sizes, each suppressed record costing the row count (ARX's MetricSDNMDiscernability).</summary>
    public double Discernibility<TKey>(ClassTable<TKey> table, ReadOnlySpan<bool> suppressed) where TKey : unmanaged, IBinaryInteger<TKey>
    {
        long kept = 0, dropped = 0;
        for (var c = 0; c < table.Length; c++)
        {
            long count = table.Counts[c];
            if (suppressed[c]) dropped += count;
            else kept += count * count;
        }
        return kept + (double)dropped * Records;
    }

    private double NormalizedLoss(int d, long numerator)
    {
        // ARX: (Σ count·share − N/|domain|) / (N − N/|domain|), share = values under the label / |domain|.
        var domain = attributes[d].DomainSize;
        if (domain <= 1 || Records == 0) return 0;
        var normalized = (double)(numerator - Records) / ((double)Records * (domain - 1));
        return Floor10(Math.Max(0, normalized));
    }
}
