using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;
using EmrMarket.Data;
using EmrMarket.Data.Encryption;
using EmrMarket.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EmrMarket.Bench.Datasets;

/// <summary>
/// A dataset build over a large cohort (issue 7: 100,000 patients in ≤ 30 s). The cohort is COPY-loaded by
/// <see cref="CohortRows"/> into a database of its own on the "bench" PostgreSQL instance, with the consent trail
/// indexed up to a private anvil's head; only <see cref="DatasetBuilder.BuildAsync(DatasetRequest, IProgress{BuildStage}?, CancellationToken)"/>
/// is timed: cohort query, consent snapshot, extract, the k-anonymity search, package and payout tree, save.
/// Options: the number of patients (default 100000).
/// </summary>
public sealed class DatasetsBenchmark : IBenchmarkSuite
{
    private const double TargetSeconds = 30;

    public string Name => "datasets";

    public string Description => "dataset build over a COPY-loaded cohort: time per stage vs the 30 s target (patients: 100000)";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var patients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var server = (await StackScript.UpAsync("bench", "pg"))["EMR_PG_CONNECTION"];
        var database = $"bench_{Guid.NewGuid():N}"[..24];
        var folder = Directory.CreateTempSubdirectory("emr-bench-datasets-").FullName;
        await ExecuteAsync(server, $"create database {database}", cancellationToken);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(cancellationToken);
            await using var anvil = await PrivateAnvil.StartAsync();
            await anvil.MineAsync((int)CohortRows.LastBlock + 1);
            var ring = new MasterKeyRing(Options.Create(new EncryptionOptions { MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));

            var loading = Stopwatch.StartNew();
            var loaded = await CohortRows.CopyAsync(dataSource, ring, anvil.Rpc, patients, (ulong)Purpose.AcademicResearch, seed: 1, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Loaded (not timed below) in {loading.Elapsed.TotalSeconds:0.0} s: {loaded.Patients:N0} patients, {loaded.Conditions:N0} conditions, {loaded.Observations:N0} observations, {loaded.ConsentEvents:N0} consent events ({loaded.ConsentingAtSnapshot:N0} consenting to academic research at block {CohortRows.SnapshotBlock})."));
            await output.WriteLineAsync($"Load average before the builds: {LoadAverage()} (the machine is shared).");
            await output.WriteLineAsync();

            var builder = CohortRows.Builder(dataSource, anvil.Rpc, Path.Combine(folder, "packages"));
            var runs = new List<(string Label, Run Run)>();
            foreach (var label in new[] { "cold process", "warm" })
                runs.Add((label, await BuildOnceAsync(builder, cancellationToken)));
            await WriteTablesAsync(output, runs);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            await ExecuteAsync(server, $"drop database if exists {database} with (force)", CancellationToken.None);
        }
    }

    private sealed record Run(DatasetBuild Build, TimeSpan Total, IReadOnlyList<(BuildStage Stage, TimeSpan Time)> Stages, long PeakWorkingSet);

    private static DatasetRequest Request() => new("Benchmark cohort", "Every loaded patient, for academic research", new CohortDefinition(),
        (ulong)Purpose.AcademicResearch, new DatasetPolicy { QuasiIdentifiers = ["age", "sex", "zip3"], K = 5, SuppressionLimit = 0.05 },
        ["4548-4", "2339-0", "8480-6", "39156-5"], "bench", CohortRows.SnapshotBlock);

    private static async Task<Run> BuildOnceAsync(DatasetBuilder builder, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long peak = 0;
        using var process = Process.GetCurrentProcess();
        void Sample()
        {
            process.Refresh();
            Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), process.WorkingSet64));
        }
        var progress = new StageClock();
        DatasetBuild build;
        using (new Timer(_ => Sample(), null, 0, 50))
        {
            build = await builder.BuildAsync(Request(), progress, cancellationToken);
            progress.Stop();
        }
        Sample();
        return new Run(build, progress.Total, progress.Stages(), peak);
    }

    private static async Task WriteTablesAsync(TextWriter output, List<(string Label, Run Run)> runs)
    {
        var stages = Enum.GetValues<BuildStage>();
        await output.WriteLineAsync($"| build | matching | consenting | in dataset | suppressed | rows | package | {string.Join(" | ", stages)} | **total** | vs 30 s | peak working set |");
        await output.WriteLineAsync($"|---|---:|---:|---:|---:|---:|---:|{string.Concat(stages.Select(_ => "---:|"))}---:|---:|---:|");
        foreach (var (label, run) in runs)
        {
            var b = run.Build;
            var perStage = string.Join(" | ", stages.Select(s => $"{run.Stages.Where(x => x.Stage == s).Sum(x => x.Time.TotalSeconds):0.00} s"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {b.Matching:N0} | {b.Consenting:N0} | {b.Dataset.PatientCount:N0} | {b.Suppressed:N0} | {b.Dataset.RowCount:N0} | {b.Dataset.PackageBytes / 1024.0 / 1024:0.0} MiB | {perStage} | **{run.Total.TotalSeconds:0.00} s** | {run.Total.TotalSeconds / TargetSeconds:0.00}× | {run.PeakWorkingSet / 1024.0 / 1024:0} MiB |"));
        }
        var last = runs[^1].Run.Build;
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Policy: QIs age, sex, zip3; k = 5; suppression ≤ 5 %; Loss metric. Result: {last.Report.Summary}");
        await output.WriteLineAsync($"Load average after: {LoadAverage()}.");
    }

    /// <summary>Times each stage from the builder's own reports (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class StageClock : IProgress<BuildStage>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(BuildStage Stage, TimeSpan Start)> _starts = [];

        public TimeSpan Total { get; private set; }

        public void Report(BuildStage value) => _starts.Add((value, _clock.Elapsed));

        public void Stop() => Total = _clock.Elapsed;

        public IReadOnlyList<(BuildStage Stage, TimeSpan Time)> Stages() =>
            _starts.Select((s, i) => (s.Stage, (i + 1 < _starts.Count ? _starts[i + 1].Start : Total) - s.Start)).ToList();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
