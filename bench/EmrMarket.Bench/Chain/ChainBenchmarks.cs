using System.Diagnostics;
using System.Globalization;
using Dapper;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Wallets;
using EmrMarket.Testing;

namespace EmrMarket.Bench.Chain;

/// <summary>
/// Relayed consents end to end, and the indexer's catch-up, against a private anvil (instant mining) and the "bench"
/// PostgreSQL instance, with the shipped polling intervals. Options: <c>chain [patients]</c> (default 10000).
/// </summary>
public sealed class ChainBenchmarks : IBenchmarkSuite
{
    private static readonly string[] EventTables = ["chain_consent_history", "chain_consent_skips", "chain_anchors", "chain_offer_events",
        "chain_purchases", "chain_claims", "chain_licence_transfers"];

    public string Name => "chain";

    public string Description => "relayed consents end to end (signed, queued, batched, confirmed on anvil, indexed); indexer catch-up";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var patients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
        await using var bench = await BenchChain.StartAsync(cancellationToken);
        var accounts = await CreatePatientsAsync(bench, patients, cancellationToken);

        var half = accounts.Count / 2;
        await output.WriteLineAsync("| relayed consents (custodial signing, batches of 200) | consents | time | per second |");
        await output.WriteLineAsync("|---|---:|---:|---:|");
        await using (var app = await bench.StartAppAsync(workers: false))
        {
            var signing = await GrantAsync(app, accounts[..half], concurrency, cancellationToken);
            await RowAsync(output, "signed and queued only (no workers running)", half, signing);
        }
        await using (var app = await bench.StartAppAsync(workers: true))
        {
            var watch = Stopwatch.StartNew();
            await ConfirmedAsync(bench, half);
            await RowAsync(output, "that backlog relayed, confirmed on anvil and indexed", half, watch.Elapsed);
            watch.Restart();
            await GrantAsync(app, accounts[half..], concurrency, cancellationToken);
            await ConfirmedAsync(bench, accounts.Count);
            var batches = await CountAsync(bench, "select count(*) from outbox where kind = 'consent-batch'");
            await RowAsync(output, $"**end to end**: signed, queued, batched, confirmed and indexed while requests arrive ({batches} transactions in all)",
                accounts.Count - half, watch.Elapsed);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("| indexer catch-up from the deployment block (eth_getLogs, decode, read models, one transaction per range) | events | time | events/s |");
        await output.WriteLineAsync("|---|---:|---:|---:|");
        await using (var app = await bench.StartAppAsync(workers: false))
        {
            var store = app.Get<IChainIndexStore>();
            var start = await bench.Chain.Rpc.GetBlockByNumberAsync(bench.Chain.Deployment.StartBlock, cancellationToken);
            var rates = new List<(double Seconds, long Events)>();
            for (var run = 0; run < 3; run++)
            {
                await store.ResetAsync("bench", new IndexedBlock(start!.Number, start.Hash, DateTimeOffset.FromUnixTimeSeconds((long)start.Timestamp)), cancellationToken);
                var watch = Stopwatch.StartNew();
                await app.Get<ChainIndexer>().CatchUpAsync(cancellationToken);
                var seconds = watch.Elapsed.TotalSeconds;
                long events = 0;
                foreach (var table in EventTables) events += await CountAsync(bench, $"select count(*) from {table}");
                rates.Add((seconds, events));
            }
            var median = rates.OrderBy(r => r.Seconds).ElementAt(1);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| median of 3 rebuilds, 500-block ranges | {median.Events:N0} | {median.Seconds:0.00} s | **{median.Events / median.Seconds:N0}** |"));
        }
    }

    private static async Task<TimeSpan> GrantAsync(ChainApp app, List<Guid> accounts, int concurrency, CancellationToken cancellationToken)
    {
        var consents = app.Get<ConsentService>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (account, token) => await consents.GrantAsync(account, Purpose.AcademicResearch | Purpose.PublicHealth, null, token));
        return watch.Elapsed;
    }

    private static Task ConfirmedAsync(BenchChain bench, int count) =>
        Eventually.WaitAsync(async () => await CountAsync(bench, "select count(*) from consent_requests where status = 'confirmed'") == count,
            $"{count} consents confirmed and indexed", TimeSpan.FromMinutes(10));

    private static Task RowAsync(TextWriter output, string what, int count, TimeSpan time) =>
        output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {what} | {count:N0} | {time.TotalSeconds:0.00} s | **{count / time.TotalSeconds:N0}** |"));

    /// <summary>Patients with custodial wallets, inserted in bulk (account creation is not what is measured).</summary>
    private static async Task<List<Guid>> CreatePatientsAsync(BenchChain bench, int count, CancellationToken cancellationToken)
    {
        await using var app = await bench.StartAppAsync(workers: false);
        var vault = await app.Get<IWalletVault>().GetAsync(cancellationToken);
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        var keys = ids.Select(_ => vault.CreateKey()).ToArray();
        await using var connection = await bench.DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into accounts (id, email, display_name, roles, password_hash, security_stamp)
            select id, id::text || '@bench.example', 'Patient', array['patient'], 'not a hash', 'stamp' from unnest(@ids::uuid[]) as t(id);
            insert into wallets (account_id, address, kind) select id, address, 'custodial' from unnest(@ids::uuid[], @addresses::text[]) as t(id, address);
            insert into custodial_keys (address, account_id, sealed_key) select * from unnest(@addresses::text[], @ids::uuid[], @sealed::bytea[]);
            """, new { ids, addresses = keys.Select(k => k.Address.ToLowerHex()).ToArray(), @sealed = keys.Select(k => k.Sealed).ToArray() },
            cancellationToken: cancellationToken));
        return [.. ids];
    }

    private static async Task<long> CountAsync(BenchChain bench, string sql)
    {
        await using var connection = await bench.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
