extern alias web;

using System.Diagnostics;
using System.Globalization;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Audit;
using EmrMarket.Core.Catalog;
using EmrMarket.Data;
using EmrMarket.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WebEntry = web::EmrMarket.Web.Market.OfferDetailsService;

namespace EmrMarket.Bench.Web;

/// <summary>
/// The researcher's and compliance officer's pages over a large read model: 10,000 offers and 100,000 consent
/// changes COPY-loaded into the "bench" PostgreSQL instance, the real app in the test host (the whole pipeline:
/// cookie auth, routing, the components prerendered with their queries), timed per GET; then concurrent browsers.
/// </summary>
public sealed class WebBenchmark : IBenchmarkSuite
{
    private const string Password = "a long enough password";

    public string Name => "web";

    public string Description => "catalog and consent trail pages over 10k offers / 100k consents; N concurrent browsers (default 200)";

    public async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var browsers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var server = (await StackScript.UpAsync("bench", "pg"))["EMR_PG_CONNECTION"];
        var database = $"bench_{Guid.NewGuid():N}"[..24];
        await ExecuteAsync(server, $"create database {database}", cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        try
        {
            await using var anvil = await PrivateAnvil.StartAsync();
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            {
                await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(cancellationToken);
                var watch = Stopwatch.StartNew();
                await MarketRows.CopyOffersAsync(dataSource, MarketRows.GenerateOffers(10_000, seed: 1), cancellationToken);
                await MarketRows.CopyConsentsAsync(dataSource, MarketRows.GenerateConsents(100_000, patients: 20_000, seed: 2), cancellationToken);
                await using var analyze = dataSource.CreateCommand("analyze");
                await analyze.ExecuteNonQueryAsync(cancellationToken);
                output.WriteLine($"loaded 10,000 offers and 100,000 consent changes (20,000 patients) with COPY in {watch.Elapsed.TotalSeconds:0.0} s\n");
            }

            await using var app = new BenchApp(connectionString, anvil.RpcUrl);
            var accounts = app.Services.GetRequiredService<AccountService>();
            await accounts.RegisterAsync("researcher@bench.test", "R", Password, [Roles.Researcher], cancellationToken);
            await accounts.RegisterAsync("compliance@bench.test", "C", Password, [Roles.Compliance], cancellationToken);
            var researcher = await BenchLogin.ClientAsync(app, "researcher@bench.test", Password);
            var officer = await BenchLogin.ClientAsync(app, "compliance@bench.test", Password);

            output.WriteLine("| page (server time: HTTP GET in the test host, prerendered, signed in) | median ms | p95 ms | max ms | bytes |");
            output.WriteLine("|---|---:|---:|---:|---:|");
            await PageAsync(output, researcher, "/catalog", "catalog, first page (newest)", cancellationToken);
            await PageAsync(output, researcher, "/catalog?purpose=1&minK=10&sort=PriceLowest", "catalog, purpose + k ≥ 10, cheapest first", cancellationToken);
            await PageAsync(output, researcher, "/catalog?q=diabetes&minPatients=1000&page=20", "catalog, text + size, page 20", cancellationToken);
            await PageAsync(output, researcher, "/catalog/5000", "offer detail", cancellationToken);
            await PageAsync(output, officer, "/compliance", "consent trail, newest 50", cancellationToken);
            await PageAsync(output, officer, "/compliance/datasets", "datasets list (compliance)", cancellationToken);

            output.WriteLine("\n| query alone (service call, no HTTP) | median ms | p95 ms |\n|---|---:|---:|");
            var catalog = app.Services.GetRequiredService<ICatalogQueries>();
            var audit = app.Services.GetRequiredService<AuditService>();
            await QueryAsync(output, "ICatalogQueries.SearchAsync, first page", () => catalog.SearchAsync(new CatalogFilter(), cancellationToken));
            await QueryAsync(output, "AuditService.TrailAsync, newest 51", () => audit.TrailAsync(new ConsentTrailQuery(Limit: 51), cancellationToken));
            await QueryAsync(output, "AuditService.TrailAsync, revocations of one purpose", () =>
                audit.TrailAsync(new ConsentTrailQuery(Purpose: Core.Consent.Purpose.ClinicalTrials, Kind: ConsentChangeKind.Revoke, Limit: 51), cancellationToken));
            await QueryAsync(output, "AuditService.TrailAsync, page 100 (keyset)", () =>
                audit.TrailAsync(new ConsentTrailQuery(Limit: 51, Before: (1900, 0)), cancellationToken));

            await ConcurrentBrowsers.RunAsync(app, researcher, browsers, output, cancellationToken);
        }
        finally
        {
            await ExecuteAsync(server, $"drop database if exists {database} with (force)", CancellationToken.None);
        }
    }

    private static async Task PageAsync(TextWriter output, HttpClient client, string path, string label, CancellationToken cancellationToken)
    {
        var uri = new Uri(path, UriKind.Relative);
        var bytes = 0;
        for (var i = 0; i < 5; i++) bytes = (await GetAsync(client, uri, cancellationToken)).Length;
        var times = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            var watch = Stopwatch.StartNew();
            await GetAsync(client, uri, cancellationToken);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"| {label} (`{path}`) | {Stats.Percentile(times, 50):0.0} | {Stats.Percentile(times, 95):0.0} | {times.Max():0.0} | {bytes:N0} |");
    }

    private static async Task<string> GetAsync(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || body.Contains("An unhandled error", StringComparison.Ordinal))
            throw new InvalidOperationException($"GET {uri}: {(int)response.StatusCode}");
        return body;
    }

    private static async Task QueryAsync<T>(TextWriter output, string label, Func<Task<T>> query)
    {
        for (var i = 0; i < 5; i++) await query();
        var times = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"| {label} | {Stats.Percentile(times, 50):0.0} | {Stats.Percentile(times, 95):0.0} |");
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The real app (workers off: the read model is loaded, not indexed), quiet logs, in the test host.</summary>
    internal sealed class BenchApp(string connectionString, Uri rpcUrl) : WebApplicationFactory<WebEntry>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseContentRoot(Path.Combine(RepoPaths.Root, "src", "EmrMarket.Web"));
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Chain:RpcUrl", rpcUrl.ToString());
            builder.UseSetting("Chain:ChainId", "31337");
            builder.UseSetting("Chain:DeploymentFile", "/nonexistent/deployment.json");
            builder.UseSetting("Chain:RunWorkers", "false");
            builder.UseSetting("Encryption:MasterKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // The COPY-loaded datasets have no package files or full privacy reports; the pages say so, the log need not.
            builder.UseSetting("Logging:LogLevel:EmrMarket.Web.Market", "Error");
        }
    }
}
