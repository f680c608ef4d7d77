using System.Diagnostics;
using System.Globalization;
using EmrMarket.Deid;
using EmrMarket.Deid.Synthetic;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Bench.Deid;

/// <summary>
/// Optimal k-anonymity (k = 5, Loss) on synthetic patient tables: 1M rows × 8 quasi-identifiers at
/// 0% and 5% suppression, 9 quasi-identifiers, and 100k → 1M → 5M rows. Each scenario runs in a
/// child process so its peak working set is its own. Options: <c>--only NAME</c> runs one scenario
/// in this process; <c>--rows N --qis Q --suppression S</c> runs an ad-hoc one; <c>--write DIR [--rows N]</c>
/// writes a synthetic table and its hierarchies as CSV for trying <c>emr deid</c>.
/// </summary>
public sealed class DeidBenchmarkSuite : IBenchmarkSuite
{
    private static readonly Scenario[] Scenarios =
    [
        new("100k×8 0%", 100_000, 8, 0),
        new("100k×8 5%", 100_000, 8, 0.05),
        new("1M×8 0%", 1_000_000, 8, 0),
        new("1M×8 5%", 1_000_000, 8, 0.05),
        new("1M×9 0%", 1_000_000, 9, 0),
        new("1M×9 5%", 1_000_000, 9, 0.05),
        new("5M×8 0%", 5_000_000, 8, 0),
        new("5M×8 5%", 5_000_000, 8, 0.05),
    ];

    public string Name => "deid";

    public string Description => "optimal 5-anonymity on synthetic patients: 1M×8 at 0%/5% suppression, 9 QIs, 100k→5M rows";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var only = Option(args, "--only");
        if (Option(args, "--write") is { } folder)
        {
            await WriteSyntheticAsync(folder, int.Parse(Option(args, "--rows") ?? "100000", CultureInfo.InvariantCulture), output);
            return;
        }
        if (Option(args, "--rows") is { } rows)
        {
            var scenario = new Scenario("ad hoc", int.Parse(rows, CultureInfo.InvariantCulture),
                int.Parse(Option(args, "--qis") ?? "8", CultureInfo.InvariantCulture),
                double.Parse(Option(args, "--suppression") ?? "0", CultureInfo.InvariantCulture),
                Option(args, "--l") is { } l ? int.Parse(l, CultureInfo.InvariantCulture) : 0);
            await output.WriteLineAsync(Header);
            await output.WriteLineAsync(Measure(scenario, output));
            return;
        }
        if (only is not null)
        {
            await output.WriteLineAsync(Measure(Scenarios.Single(s => s.Name == only)));
            return;
        }

        await output.WriteLineAsync($"k = 5, metric Loss, Safe Harbor on, synthetic patients (seed 1); {Environment.ProcessorCount} threads; each scenario in its own process\n");
        await output.WriteLineAsync(Header);
        foreach (var scenario in Scenarios)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await output.WriteLineAsync(await RunChildAsync(scenario, cancellationToken));
        }
    }

    private const string Header =
        "| scenario | rows/s | total s (best of 3) | first run s | search s | nodes checked / lattice | distinct tuples | suppressed | Loss | transformation | peak working set (first run) |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|";

    private const int Runs = 3;

    private static string Measure(Scenario scenario, TextWriter? detail = null)
    {
        var data = SyntheticPatients.Generate(scenario.Rows, scenario.Qis, seed: 1, identifiers: false);
        var policy = data.Policy with { SuppressionLimit = scenario.Suppression, LDiversity = scenario.L > 1 ? new LDiversity(scenario.L) : null };
        // The first run includes JIT compilation; the best of three is the steady state.
        AnonymizationResult? result = null;
        double first = 0, seconds = double.MaxValue;
        long peak = 0;
        for (var run = 0; run < Runs; run++)
        {
            GC.Collect();
            var pauseBefore = GC.GetTotalPauseDuration();
            var clock = Stopwatch.StartNew();
            result = Anonymizer.Run(data.Table, policy);
            var elapsed = clock.Elapsed.TotalSeconds;
            if (run == 0)
            {
                first = elapsed;
                using var self = Process.GetCurrentProcess();
                peak = self.PeakWorkingSet64;
            }
            seconds = Math.Min(seconds, elapsed);
            detail?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1}: {elapsed:0.000} s (encoding {result.Statistics.Encoding.TotalSeconds:0.000}, search {result.Statistics.Search.TotalSeconds:0.000}, output {result.Statistics.Output.TotalSeconds:0.000}), gc pause {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:0} ms"));
        }
        var stats = result!.Statistics;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {scenario.Name} | {scenario.Rows / seconds:N0} | {seconds:0.00} | {first:0.00} | {stats.Search.TotalSeconds:0.00} | {stats.NodesChecked:N0} / {stats.LatticeSize:N0} | {stats.DistinctTuples:N0} | {result.Report.SuppressedRecords:N0} | {result.Report.InformationLoss?.Loss:0.0000} | {result.Transformation} | {peak / (1024.0 * 1024):N0} MiB |");
    }

    private static async Task<string> RunChildAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(DeidBenchmarkSuite).Assembly.Location);
        foreach (var arg in new[] { "deid", "--only", scenario.Name }) start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        var text = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        return text.Split('\n').LastOrDefault(l => l.StartsWith("| ", StringComparison.Ordinal)) ?? $"| {scenario.Name} | failed (exit {child.ExitCode}) |";
    }

    /// <summary>Writes a synthetic table and its explicit hierarchies as CSV, for trying <c>emr deid</c>.</summary>
    private static async Task WriteSyntheticAsync(string folder, int rows, TextWriter output)
    {
        Directory.CreateDirectory(folder);
        var data = SyntheticPatients.Generate(rows, 9, seed: 1);
        await using (var writer = new StreamWriter(Path.Combine(folder, "patients.csv"))) CsvTable.Write(data.Table, writer);
        foreach (var (column, hierarchy) in data.Hierarchies)
        {
            await using var writer = new StreamWriter(Path.Combine(folder, $"{column}.csv"));
            hierarchy.WriteCsv(writer);
        }
        await output.WriteLineAsync($"wrote {rows:N0} patients and {data.Hierarchies.Count} hierarchies to {folder}");
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed record Scenario(string Name, int Rows, int Qis, double Suppression, int L = 0);
}
