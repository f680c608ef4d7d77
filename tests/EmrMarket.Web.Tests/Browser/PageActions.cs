using Microsoft.Playwright;

namespace EmrMarket.Web.Tests.Browser;

/// <summary>Steps most browser tests take.</summary>
public static class PageActions
{
    /// <summary>Signs in through the login form and waits until the role's start page (or <paramref name="returnUrl"/>) is interactive.</summary>
    public static async Task SignInAsync(this IPage page, TestAccount account, string? returnUrl = null)
    {
        await page.GotoAsync(returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByLabel("E-mail").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(ChainWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Opens a page and waits for its circuit, so clicks are not lost on the prerendered markup.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    public static Task WaitForInteractiveAsync(this IPage page) =>
        Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 15_000 });

    /// <summary>A full-page screenshot into the test artifacts folder.</summary>
    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsFolder, name + ".png"), FullPage = true });
}
