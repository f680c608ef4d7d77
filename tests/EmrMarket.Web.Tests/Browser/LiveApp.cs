using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Web.Tests.Browser;

/// <summary>The app on a real Kestrel port, so a browser can open circuits to it.</summary>
public sealed class LiveApp : IAsyncDisposable
{
    private readonly EmrWebFactory _factory;

    private LiveApp(EmrWebFactory factory, string baseUrl)
    {
        _factory = factory;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public IServiceProvider Services => _factory.Services;

    public static async Task<LiveApp> StartAsync(string postgres, Uri rpcUrl, string deploymentFile,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new EmrWebFactory(postgres, rpcUrl, deploymentFile, settings);
        factory.UseKestrel(0);
        factory.StartServer();
        await factory.Services.GetRequiredService<EmrMarket.Data.MigrationRunner>().MigrateAsync(default);
        return new LiveApp(factory, factory.ClientOptions.BaseAddress.ToString().TrimEnd('/'));
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
