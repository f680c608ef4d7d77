namespace EmrMarket.Deid.Synthetic;

/// <summary>Draws an index with given weights by binary search over the cumulative weights.</summary>
internal sealed class WeightedChoice
{
    private readonly double[] cumulative;

    public WeightedChoice(IReadOnlyList<double> weights)
    {
        cumulative = new double[weights.Count];
        var sum = 0d;
        for (var i = 0; i < weights.Count; i++) cumulative[i] = sum += weights[i];
        for (var i = 0; i < cumulative.Length; i++) cumulative[i] /= sum;
    }

    public static WeightedChoice Zipf(int count, double exponent) =>
        new(Enumerable.Range(1, count).Select(rank => 1 / Math.Pow(rank, exponent)).ToArray());

    public int Next(Xoshiro256 random)
    {
        var u = random.NextDouble();
        var index = Array.BinarySearch(cumulative, u);
        return Math.Min(index < 0 ? ~index : index + 1, cumulative.Length - 1);
    }
}
