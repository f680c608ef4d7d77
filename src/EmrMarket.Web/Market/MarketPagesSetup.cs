using EmrMarket.Web.Compliance;
using EmrMarket.Web.Curation;

namespace EmrMarket.Web.Market;

public static class MarketPagesSetup
{
    /// <summary>The services behind the researcher's, curator's and compliance officer's pages.</summary>
    public static IServiceCollection AddMarketPages(this IServiceCollection services)
    {
        services.AddSingleton<OfferDetailsService>();
        services.AddSingleton<IntegrityCheck>();
        services.AddSingleton<ResearcherLicences>();
        services.AddSingleton<DatasetBuildJobs>();
        services.AddScoped<LiveCohortCounts>();
        services.AddScoped<ConsentTrailView>();
        services.AddScoped<PurchaseFlow>();
        services.AddSingleton<CuratorActions>();
        return services;
    }
}
