using EmrMarket.Core.Accounts;
using EmrMarket.Core.Anchoring;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Delivery;
using EmrMarket.Core.Demo;
using EmrMarket.Core.Wallets;
using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Health;
using EmrMarket.Core.Ingest;
using EmrMarket.Core.Market;
using EmrMarket.Core.Market.Offers;
using EmrMarket.Core.Market.Payouts;
using EmrMarket.Core.Market.Purchases;
using EmrMarket.Core.Revocation;
using EmrMarket.Core.Audit;
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
        services.AddSingleton<DemoMarket>();
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
        services.AddEmrChain(configuration);
        return services;
    }

    /// <summary>
    /// The chain machinery: deployment, outbox, indexer, consent, anchoring (docs/marketplace.md). The background
    /// workers are registered separately by <see cref="AddEmrChainWorkers"/>.
    /// </summary>
    private static IServiceCollection AddEmrChain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IndexerOptions>().Bind(configuration.GetSection(IndexerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConsentOptions>().Bind(configuration.GetSection(ConsentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<IChainDeployment, DeploymentFile>();
        services.AddSingleton<IChainEvents, ChainEvents>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ISignerKeys, SignerKeys>();
        services.AddSingleton<IOutbox, OutboxService>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<ChainIndexer>();
        services.AddSingleton<ChainReindexer>();

        services.AddSingleton<ConsentService>();
        services.AddSingleton<ConsentQueries>();
        // Replaces ChainConsentSnapshot (one eth_call per patient): the indexed trail answers a cohort in one query.
        services.AddSingleton<IConsentSnapshot, IndexedConsentSnapshot>();

        services.AddSingleton<ProviderKeyService>();
        services.AddSingleton<ChainBatchAnchor>();
        services.AddSingleton<IBatchAnchor>(sp => sp.GetRequiredService<ChainBatchAnchor>());
        services.AddSingleton<RecordProofService>();
        services.AddSingleton<ConsentRelayer>();
        services.AddSingleton<AnchorWorker>();

        services.AddOptions<MarketOptions>().Bind(configuration.GetSection(MarketOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OfferService>();
        services.AddSingleton<PurchaseService>();
        services.AddSingleton<WalletPurchaseService>();
        services.AddSingleton<TestDollarFaucet>();
        services.AddSingleton<PayoutService>();
        services.AddSingleton<MarketWorker>();
        services.AddOptions<RevocationOptions>().Bind(configuration.GetSection(RevocationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RevocationSteps>();
        services.AddSingleton<RevocationProcessor>();
        services.AddSingleton<RevocationService>();
        services.AddSingleton<RevocationWorker>();
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section));
        services.AddSingleton<AuditService>();
        return services;
    }

    /// <summary>
    /// The background workers: outbox senders, chain indexer, consent relayer, anchor settlement, the market's dataset links, revocations. Safe to run in
    /// every app instance: advisory locks let one instance do each job (one sender per key).
    /// </summary>
    public static IServiceCollection AddEmrChainWorkers(this IServiceCollection services)
    {
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<IndexerWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsentRelayer>());
        services.AddHostedService(sp => sp.GetRequiredService<AnchorWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<MarketWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<RevocationWorker>());
        return services;
    }
}
