using EmrMarket.Core;
using EmrMarket.Data;
using EmrMarket.Data.Chain;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmrMarket.Testing;

/// <summary>
/// One app instance: the real registrations (AddEmrCore, AddEmrData) over a database and a deployment, with the
/// change listener and (optionally) the chain workers started, polling fast. Disposing it stops it like a
/// shutdown; several may share a database, like app instances behind a load balancer.
/// </summary>
public sealed class ChainApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private ChainApp(ServiceProvider services) => _services = services;

    public IServiceProvider Services => _services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Settings that keep the shipped polling intervals (the tests' defaults poll much faster).</summary>
    public static IDictionary<string, string?> ProductionTimings { get; } = new Dictionary<string, string?>
    {
        ["Outbox:PollInterval"] = null, ["Outbox:IdlePollInterval"] = null, ["Outbox:RebroadcastAfter"] = null, ["Outbox:ErrorBackoff"] = null,
        ["Indexer:PollInterval"] = null, ["Indexer:ErrorBackoff"] = null, ["Consent:FlushInterval"] = null,
    };

    public static async Task<ChainApp> StartAsync(string connectionString, DeployedChain chain, string masterKey, bool workers,
        IDictionary<string, string?>? settings, Action<IServiceCollection>? configure)
    {
        var values = Settings(connectionString, chain, masterKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null) values.Remove(key);
            else values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            if (Environment.GetEnvironmentVariable("EMR_TEST_LOGS") == "1") logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug);
        });
        services.AddEmrCore(configuration);
        services.AddEmrData(configuration);
        services.AddHostedService(sp => sp.GetRequiredService<ChainNotificationListener>());
        if (workers) services.AddEmrChainWorkers();
        configure?.Invoke(services);

        var app = new ChainApp(services.BuildServiceProvider());
        foreach (var hosted in app._services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            app._started.Add(hosted);
        }
        await app.Get<ChainNotificationListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        return app;
    }

    /// <summary>
    /// The configuration of an app instance on this database and deployment, with every chain key and fast polling:
    /// what <see cref="StartAsync"/> uses, and what a web app instance in a test needs to run the same workers.
    /// </summary>
    public static Dictionary<string, string?> Settings(string connectionString, DeployedChain chain, string masterKey) => new()
    {
        ["Database:ConnectionString"] = connectionString,
        ["Chain:RpcUrl"] = chain.RpcUrl.ToString(),
        ["Chain:ChainId"] = chain.ChainId.ToString(),
        ["Chain:DeploymentFile"] = chain.DeploymentFile,
        ["Chain:AdminKey"] = Key(chain.Admin),
        ["Chain:RelayerKey"] = Key(chain.Relayer),
        ["Chain:CuratorKey"] = Key(chain.Curator),
        ["Encryption:MasterKey"] = masterKey,
        ["Outbox:PollInterval"] = "00:00:00.050",
        ["Outbox:IdlePollInterval"] = "00:00:00.200",
        ["Outbox:RebroadcastAfter"] = "00:00:01",
        ["Outbox:ErrorBackoff"] = "00:00:00.200",
        ["Indexer:PollInterval"] = "00:00:00.050",
        ["Indexer:ErrorBackoff"] = "00:00:00.200",
        ["Consent:FlushInterval"] = "00:00:00.050",
    };

    public static string Key(PrivateKey key) => Hex.Encode(key.ExportBytes());

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var hosted in Enumerable.Reverse(_started)) await hosted.StopAsync(timeout.Token);
        await _services.DisposeAsync();
    }
}
