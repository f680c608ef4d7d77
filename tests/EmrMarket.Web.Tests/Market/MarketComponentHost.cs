using System.Security.Claims;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmrMarket.Web.Tests.Market;

/// <summary>
/// Renders a component with the framework's <see cref="HtmlRenderer"/> (what prerendering uses) and parses it with
/// AngleSharp. A minimal stand-in until the shared ComponentHost of the webpatient branch lands; then use that one.
/// </summary>
internal sealed class MarketComponentHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;

    public MarketComponentHost(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthorizationCore();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<AuthenticationStateProvider>(new Anonymous());
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());
    }

    public async Task<IDocument> RenderAsync<T>(Dictionary<string, object?> parameters) where T : IComponent
    {
        var html = await _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await _renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters));
            await root.QuiescenceTask;
            return root.ToHtmlString();
        });
        return await new HtmlParser().ParseDocumentAsync(html);
    }

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }

    private sealed class Anonymous : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
