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
/// fsync and commit settings): parse, canonicalise and hash, encrypt, COPY, close the batch, anchor it on a private
/// anvil (<c>CreateAnchorAsync</c>). Reports MB of FHIR JSON per second, the process's CPU time and its peak
/// working set while ingesting, for a cold process on 100 MB and then for each input size.
/// Options: sizes of generated input, or folders of bundles to ingest as they are, e.g. <c>ingest 100MB,1GB</c> (the
/// default) or <c>ingest /work/shared/fhir/synthea-r4</c>.
/// </summary>
public sealed class IngestBenchmark : IBenchmarkSuite
{
    public string Name => "ingest";

    public string Description => "FHIR bundles → PostgreSQL with encryption: MB/s and peak working set (sizes: 100MB,1GB)";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var inputs = (args.Length > 0 ? args[0] : "100MB,1GB").Split(',');
        var stack = await StackScript.UpAsync("bench", "pg");
        var server = stack["EMR_PG_CONNECTION"];

        await output.WriteLineAsync($"Load average before: {LoadAverage()} (the machine is shared).");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| input | bundles | records written | time | throughput | records/s | client CPU | peak working set |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|");
        // Tiered compilation and its profile-guided re-JIT take seconds of a 2-core machine's CPU at the start of a
        // process: the first run, on 100 MB, is reported as the cold figure; the others run in the warmed process.
        var anchoring = false;
        foreach (var (input, cold) in inputs.Select(i => (i, false)).Prepend(("100MB", true)))
        {
            var folder = Directory.Exists(input) ? input : await InputAsync(ParseSize(input), cancellationToken);
            var bytes = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => FhirFormats.FromFileName(f) is not null).Sum(f => new FileInfo(f).Length);
            var run = await IngestOnceAsync(server, folder, cancellationToken);
            anchoring = run.Anchored;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {bytes / 1e6:0} MB{(Directory.Exists(input) ? $" ({Path.GetFileName(input.TrimEnd('/'))})" : "")}{(cold ? ", cold process" : "")} | {run.Summary.Files.Count} | {run.Summary.Records.Written:N0} | {run.Elapsed.TotalSeconds:0.0} s | **{bytes / 1e6 / run.Elapsed.TotalSeconds:0.0} MB/s** | {run.Summary.Records.Written / run.Elapsed.TotalSeconds:N0} | {run.Cpu.TotalSeconds:0.0} s | {run.PeakWorkingSet / 1024.0 / 1024:0} MiB |"));
        }
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Load average after: {LoadAverage()}.");
        await output.WriteLineAsync(anchoring
            ? "The anchor step is included: the clock stops once each batch's root is confirmed on chain."
            : "The anchor step is not included: no batch was written.");
    }

    private sealed record Run(TimeSpan Elapsed, TimeSpan Cpu, IngestSummary Summary, long PeakWorkingSet, bool Anchored);

    private static async Task<Run> IngestOnceAsync(string server, string folder, CancellationToken cancellationToken)
    {
        var database = $"bench_{Guid.NewGuid():N}"[..24];
        await ExecuteAsync(server, $"create database {database}", cancellationToken);
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            await using var dataSource = NpgsqlDataSource.Create(connection);
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(cancellationToken);
            var masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var ring = new MasterKeyRing(Options.Create(new EncryptionOptions { MasterKey = masterKey }));
            var store = new IngestStore(dataSource, ring);
            await store.CreateProviderAsync("bench", "Benchmark Hospital", cancellationToken);
            var (anchor, chainStack) = await CreateAnchorAsync(connection, masterKey);
            await using var stack = chainStack;
            var service = new IngestService(store, anchor, Options.Create(new IngestOptions()), NullLogger<IngestService>.Instance);
            var request = new IngestRequest("bench", "bench", IngestSources.FromPaths([folder]));

            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            using var sampling = new CancellationTokenSource();
            var sampler = SamplePeakAsync(sampling.Token);
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var summary = await service.IngestAsync(request, cancellationToken);
            var anchored = await WaitForAnchorAsync(anchor, dataSource, summary.Batch, cancellationToken);
            clock.Stop();
            process.Refresh();
            cpu = process.TotalProcessorTime - cpu;
            await sampling.CancelAsync();
            if (summary.Rejected > 0) throw new InvalidOperationException($"the benchmark input was rejected: {summary.Errors.First()}");
            return new Run(clock.Elapsed, cpu, summary, await sampler, anchored);
        }
        finally
        {
            await ExecuteAsync(server, $"drop database if exists {database} with (force)", CancellationToken.None);
        }
    }

    /// <summary>
    /// The anchor step, which <see cref="IngestService"/> calls inside the timed region once the batch is closed:
    /// the chain's <see cref="IBatchAnchor"/> (Merkle tree, provider key, outbox rows) over this database, with a
    /// private anvil and the chain workers running, so <see cref="WaitForAnchorAsync"/> keeps the clock running
    /// until the batch's root is confirmed on chain.
    /// </summary>
    private static async Task<(IBatchAnchor Anchor, IAsyncDisposable Chain)> CreateAnchorAsync(string connection, string masterKey)
    {
        var anvil = await PrivateAnvil.StartAsync();
        var chain = await DeployedChain.OnAsync(anvil.RpcUrl, PrivateAnvil.ChainId);
        var app = await ChainApp.StartAsync(connection, chain, masterKey, workers: true, ChainApp.ProductionTimings, null);
        return (app.Get<IBatchAnchor>(), new ChainStack(app, chain, anvil));
    }

    private sealed class ChainStack(ChainApp app, DeployedChain chain, PrivateAnvil anvil) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await app.DisposeAsync();
            await chain.DisposeAsync();
            await anvil.DisposeAsync();
        }
    }

    /// <summary>Waits until the batch is anchored, unless anchoring is not wired; says whether it waited.</summary>
    private static async Task<bool> WaitForAnchorAsync(IBatchAnchor anchor, NpgsqlDataSource dataSource, IngestBatch? batch, CancellationToken cancellationToken)
    {
        if (anchor is PendingBatchAnchor || batch is null) return false;
        var batches = new IngestBatchRepository(dataSource);
        while ((await batches.PendingAsync(cancellationToken)).Any(b => b.Id == batch.Id)) await Task.Delay(50, cancellationToken);
        return true;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

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
