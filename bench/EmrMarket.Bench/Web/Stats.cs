namespace EmrMarket.Bench.Web;

internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
