using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using EmrMarket.Core.Ingest;
using EmrMarket.Data;
using EmrMarket.Data.Encryption;
using EmrMarket.Data.Ingest;
using EmrMarket.Fhir;
using EmrMarket.Fhir.Synthetic;
using EmrMarket.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EmrMarket.Bench.Ingest;

/// <summary>
/// End-to-end ingest of generated FHIR bundles into a durable PostgreSQL (the "bench" stack instance, default
/// fsync and commit settings): parse, canonicalise and hash, encrypt, COPY, close the batch. Reports MB of
/// FHIR JSON per second and the process's peak working set while ingesting, for each input size.
/// Options: sizes, e.g. <c>ingest 100MB,1GB</c> (the default).
/// </summary>
public sealed class IngestBenchmark : IBenchmarkSuite
{
    public string Name => "ingest";

    public string Description => "FHIR bundles → PostgreSQL with encryption: MB/s and peak working set (sizes: 100MB,1GB)";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var sizes = (args.Length > 0 ? args[0] : "100MB,1GB").Split(',').Select(ParseSize).ToList();
        var stack = await StackScript.UpAsync("bench", "pg");
        var server = stack["EMR_PG_CONNECTION"];

        await output.WriteLineAsync("| input | bundles | records written | time | throughput | records/s | peak working set |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            var folder = await InputAsync(size, cancellationToken);
            var bytes = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
            var (elapsed, summary, peak) = await IngestOnceAsync(server, folder, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {bytes / 1e6:0} MB | {summary.Files.Count} | {summary.Records.Written:N0} | {elapsed.TotalSeconds:0.0} s | **{bytes / 1e6 / elapsed.TotalSeconds:0.0} MB/s** | {summary.Records.Written / elapsed.TotalSeconds:N0} | {peak / 1024.0 / 1024:0} MiB |"));
        }
        await output.WriteLineAsync();
        await output.WriteLineAsync("Batches are left with anchor status pending (the chain anchor is not wired yet), so the anchor step is not in these figures.");
    }

    private static async Task<(TimeSpan Elapsed, IngestSummary Summary, long PeakWorkingSet)> IngestOnceAsync(string server, string folder, CancellationToken cancellationToken)
    {
        var database = $"bench_{Guid.NewGuid():N}"[..24];
        await ExecuteAsync(server, $"create database {database}", cancellationToken);
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            await using var dataSource = NpgsqlDataSource.Create(connection);
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(cancellationToken);
            var ring = new MasterKeyRing(Options.Create(new EncryptionOptions { MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
            var store = new IngestStore(dataSource, ring);
            await store.CreateProviderAsync("bench", "Benchmark Hospital", cancellationToken);
            var service = new IngestService(store, new PendingBatchAnchor(), Options.Create(new IngestOptions()), NullLogger<IngestService>.Instance);
            var request = new IngestRequest("bench", "bench", IngestSources.FromPaths([folder]));

            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var sampling = new CancellationTokenSource();
            var sampler = SamplePeakAsync(sampling.Token);
            var clock = Stopwatch.StartNew();
            var summary = await service.IngestAsync(request, cancellationToken);
            clock.Stop();
            await sampling.CancelAsync();
            if (summary.Rejected > 0) throw new InvalidOperationException($"the benchmark input was rejected: {summary.Errors.First()}");
            return (clock.Elapsed, summary, await sampler);
        }
        finally
        {
            await ExecuteAsync(server, $"drop database if exists {database} with (force)", CancellationToken.None);
        }
    }

    private static async Task<long> SamplePeakAsync(CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        long peak = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return peak;
    }

    /// <summary>Generated bundles of about <paramref name="bytes"/>, cached under the temp folder by size and seed.</summary>
    private static async Task<string> InputAsync(long bytes, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"emr-bench-ingest-{bytes / 1_000_000}MB-seed1");
        var done = Path.Combine(folder, ".complete");
        if (File.Exists(done)) return folder;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        await SyntheticGenerator.WriteAsync(folder, new SyntheticOptions { Seed = 1, TargetBytes = bytes, Format = FhirFormat.Bundle }, cancellationToken);
        await File.WriteAllTextAsync(done, "", cancellationToken);
        return folder;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static long ParseSize(string text)
    {
        var t = text.Trim().ToUpperInvariant();
        var factor = t.EndsWith("GB", StringComparison.Ordinal) ? 1_000_000_000L : t.EndsWith("MB", StringComparison.Ordinal) ? 1_000_000L : 1L;
        return (long)(double.Parse(t.TrimEnd('G', 'M', 'B'), CultureInfo.InvariantCulture) * factor);
    }
}
