using Microsoft.Playwright;

namespace EmrMarket.Web.Tests.Browser;

/// <summary>
/// One headless Debian chromium for the browser tests (installed by scripts/tools.sh --browser).
/// Playwright drives it; it never downloads a browser of its own.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(
        Path.Combine(EmrMarket.Testing.RepoPaths.Root, ".data", "test-artifacts", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("EMR_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"chromium not found at {executable}: run scripts/tools.sh --browser (or set EMR_CHROMIUM)");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Without these, chromium keeps calling home, and this machine's closed network refuses it.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a page that records console errors.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(string baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
