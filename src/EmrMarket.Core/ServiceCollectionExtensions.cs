using EmrMarket.Core.Accounts;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Delivery;
using EmrMarket.Core.Demo;
using EmrMarket.Core.Wallets;
using EmrMarket.Core.Health;
using EmrMarket.Core.Ingest;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the marketplace's use cases and its connection to the ledger.</summary>
    public static IServiceCollection AddEmrCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChainOptions>()
            .Bind(configuration.GetSection(ChainOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var chain = sp.GetRequiredService<IOptions<ChainOptions>>().Value;
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            {
                Timeout = TimeSpan.FromSeconds(chain.RpcTimeoutSeconds),
            };
            return new JsonRpcClient(http, new Uri(chain.RpcUrl));
        });
        services.AddSingleton<EthRpc>();

        services.AddSingleton<AccountService>();
        services.AddSingleton<WalletService>();
        services.AddSingleton<DemoSeeder>();
        services.AddOptions<DatasetOptions>().Bind(configuration.GetSection(DatasetOptions.Section));
        services.TryAddSingleton<IConsentSnapshot, ChainConsentSnapshot>();
        services.AddSingleton<CohortPreview>();
        services.AddSingleton<DatasetBuilder>();
        services.AddSingleton<LicenceCheck>();
        services.AddSingleton<PackageCheck>();

        services.AddSingleton<HealthService>();
        services.AddSingleton<IHealthProbe, ChainHealthProbe>();
        services.AddSingleton<IHealthProbe, ContractsHealthProbe>();

        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.Section));
        services.AddSingleton<IngestService>();
        // The lead's chain anchor replaces this; until then batches stay "pending".
        services.TryAddSingleton<IBatchAnchor, PendingBatchAnchor>();
        return services;
    }
}
