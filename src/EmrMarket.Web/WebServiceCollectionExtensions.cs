using EmrMarket.Core;
using EmrMarket.Data;
using EmrMarket.Data.Chain;
using EmrMarket.Web.Auth;
using EmrMarket.Web.Chain;
using EmrMarket.Web.Health;
using EmrMarket.Web.Infrastructure;
using EmrMarket.Web.Market;
using EmrMarket.Web.Uploads;
using EmrMarket.Web.Wallets;

namespace EmrMarket.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Everything the web app needs: the modules, the Blazor components and the background work.</summary>
    public static IServiceCollection AddEmrMarketWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddEmrCore(configuration);
        services.AddEmrData(configuration);

        services.AddEmrAuth();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddOptions<ExplorerOptions>().BindConfiguration(ExplorerOptions.Section);
        services.AddScoped<UploadSession>();
        services.AddMarketPages();
        services.AddScoped<BrowserWallet>();
        services.AddSingleton<TransactionLookup>();
        services.AddSingleton<HealthMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthMonitor>());
        services.AddHostedService<DatabaseMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<ChainNotificationListener>());
        if (configuration.GetValue("Chain:RunWorkers", true)) services.AddEmrChainWorkers();
        return services;
    }
}
