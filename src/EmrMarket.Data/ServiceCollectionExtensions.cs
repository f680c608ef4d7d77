using EmrMarket.Core.Accounts;
using EmrMarket.Core.Anchoring;
using EmrMarket.Core.Catalog;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Health;
using EmrMarket.Data.Accounts;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Delivery;
using EmrMarket.Core.Patients;
using EmrMarket.Core.Providers;
using EmrMarket.Data.Anchoring;
using EmrMarket.Data.Catalog;
using EmrMarket.Data.Chain;
using EmrMarket.Data.Consent;
using EmrMarket.Core.Wallets;
using EmrMarket.Data.Datasets;
using EmrMarket.Data.Memberships;
using EmrMarket.Core.Market.Offers;
using EmrMarket.Core.Market.Payouts;
using EmrMarket.Core.Market.Purchases;
using EmrMarket.Data.Market;
using EmrMarket.Core.Ingest;
using EmrMarket.Data.Encryption;
using EmrMarket.Data.Health;
using EmrMarket.Data.Ingest;
using EmrMarket.Data.Patients;
using EmrMarket.Data.Wallets;
using EmrMarket.Data.Revocation;
using EmrMarket.Data.Audit;
using EmrMarket.Core.Revocation;
using EmrMarket.Core.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EmrMarket.Data;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers PostgreSQL access: the data source, migrations, encryption and repositories.</summary>
    public static IServiceCollection AddEmrData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
            builder.ConnectionStringBuilder.Timeout = Math.Min(builder.ConnectionStringBuilder.Timeout, 5);
            return builder.Build();
        });
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<IHealthProbe, DatabaseHealthProbe>();
        services.AddSingleton<IAccountRepository, AccountRepository>();
        services.AddSingleton<IWalletRepository, WalletRepository>();
        services.AddSingleton<IWalletVault, WalletVault>();

        services.AddOptions<EncryptionOptions>()
            .Bind(configuration.GetSection(EncryptionOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>();
        services.AddSingleton<MasterKeyRing>();
        services.AddSingleton<KeyRotation>();
        services.AddSingleton<PatientRepository>();
        services.AddSingleton<IPatientDirectory, PatientDirectory>();
        services.AddSingleton<IProviderMembers, ProviderMembers>();
        services.AddSingleton<ICohortQueries, CohortQueries>();
        services.AddSingleton<IClinicalExtracts, ClinicalExtracts>();
        services.AddSingleton<IDatasetStore, DatasetStore>();
        services.AddSingleton<IDownloadLog, DownloadLog>();
        services.AddSingleton<IIngestStore, IngestStore>();
        services.AddSingleton<IIngestBatches, IngestBatchRepository>();

        services.AddSingleton<IOutboxStore, OutboxRepository>();
        services.AddSingleton<IChainIndexStore, ChainIndexStore>();
        services.AddSingleton<IConsentReadModel, ConsentReadRepository>();
        services.AddSingleton<IMarketReadModel, MarketReadRepository>();
        services.AddSingleton<IAnchorReadModel, AnchorReadRepository>();
        services.AddSingleton<IConsentRequestStore, ConsentRequestRepository>();
        services.AddSingleton<IProviderKeyStore, ProviderKeyRepository>();
        services.AddSingleton<IBatchAnchorStore, BatchAnchorRepository>();
        services.AddSingleton<ChainNotificationListener>();
        services.AddSingleton<IOfferActionStore, OfferActionRepository>();
        services.AddSingleton<IPurchaseStore, PurchaseRepository>();
        services.AddSingleton<IPayoutStore, PayoutRepository>();
        services.AddSingleton<IRevocationStore, RevocationRepository>();
        services.AddSingleton<IAuditStore, AuditRepository>();
        services.AddSingleton<ICatalogQueries, CatalogRepository>();
        services.AddSingleton<IDatasetSummaries, DatasetSummaryRepository>();
        return services;
    }
}
