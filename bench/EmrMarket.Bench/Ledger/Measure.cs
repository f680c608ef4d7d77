using System.Diagnostics;

namespace EmrMarket.Bench.Ledger;

/// <summary>Single-threaded rate measurement: warm up, then count operations for a fixed time.</summary>
internal static class Measure
{
    public static double Rate(Action<int> operation, double seconds = 3, int batch = 100)
    {
        for (var i = 0; i < batch * 20; i++) operation(i);
        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < batch; i++) operation(count++);
        }
        return count / watch.Elapsed.TotalSeconds;
    }

    public static string PerSecond(double rate) => rate >= 10_000 ? $"{rate:N0}" : $"{rate:N1}";
}
