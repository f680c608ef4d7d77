using System.Security.Claims;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using EmrMarket.Core.Chain.Events;
using EmrMarket.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmrMarket.Web.Tests.Components;

/// <summary>
/// Renders components to HTML with the framework's <see cref="HtmlRenderer"/> (what prerendering uses) and parses the
/// result with AngleSharp, for assertions on markup. Signed in as <c>user</c> (anonymous when null), at <c>uri</c>.
/// Add the services a component injects with <c>configure</c>; interaction belongs in the browser tests.
/// </summary>
public sealed class ComponentHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;

    public ComponentHost(ClaimsPrincipal? user = null, Action<IServiceCollection>? configure = null, string uri = "http://localhost/")
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthorizationCore();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationState(user ?? new ClaimsPrincipal(new ClaimsIdentity())));
        services.AddSingleton<NavigationManager>(new FixedNavigationManager(uri));
        services.AddOptions<ExplorerOptions>();
        services.AddSingleton<IChainEvents, ChainEvents>();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());
    }

    public IServiceProvider Services => _services;

    /// <summary>A signed-in user with these roles (as the session cookie carries them).</summary>
    public static ClaimsPrincipal User(string name, params string[] roles) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Name, name),
         .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));

    /// <summary>Renders <typeparamref name="T"/> with the parameters (waiting for its async initialisation) and parses the HTML.</summary>
    public async Task<IDocument> RenderAsync<T>(Dictionary<string, object?>? parameters = null) where T : IComponent
    {
        var html = await _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await _renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters ?? new Dictionary<string, object?>()));
            await root.QuiescenceTask;
            return root.ToHtmlString();
        });
        return await new HtmlParser().ParseDocumentAsync(html);
    }

    /// <summary>A child-content parameter of plain text.</summary>
    public static RenderFragment Text(string text) => builder => builder.AddContent(0, text);

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private sealed class FixedNavigationManager : NavigationManager
    {
        public FixedNavigationManager(string uri) => Initialize(new Uri(new Uri(uri), "/").ToString(), uri);

        protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).ToString();
    }
}
