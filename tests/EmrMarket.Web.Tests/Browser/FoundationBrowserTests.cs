using EmrMarket.Core.Accounts;
using EmrMarket.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EmrMarket.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class FoundationBrowserTests(BrowserSession browser, PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Home_ChainNodeStopsAndRestarts_StatusPanelFollowsWithoutReload()
    {
        var name = $"browser-anvil-{Guid.NewGuid():N}"[..22];
        var node = await StackScript.UpAsync(name, only: "anvil");
        try
        {
            await using var app = await LiveApp.StartAsync(database.ConnectionString, new Uri(node["EMR_RPC_URL"]), "/nonexistent.json");
            var (page, errors) = await browser.NewPageAsync(app.BaseUrl);
            await page.GotoAsync("/");
            var chain = page.GetByTestId("check-chain");
            await Assertions.Expect(chain).ToHaveClassAsync("up");

            await StackScript.DownAsync(name, only: "anvil");
            await Assertions.Expect(chain).ToHaveClassAsync("down", new() { Timeout = 15_000 });
            await Assertions.Expect(chain).ToContainTextAsync("chain node");

            await StackScript.UpAsync(name, only: "anvil");
            await Assertions.Expect(chain).ToHaveClassAsync("up", new() { Timeout = 15_000 });
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsFolder, "home.png"), FullPage = true });
            Assert.Empty(errors);
        }
        finally
        {
            await StackScript.ResetAsync(name);
        }
    }

    [Fact]
    public async Task SignIn_ThenSignOut_HeaderFollowsTheSession()
    {
        var stack = await TestStack.GetAsync();
        await using var app = await LiveApp.StartAsync(database.ConnectionString, stack.RpcUrl, "/nonexistent.json");
        var email = $"c-{Guid.NewGuid():N}@example.test";
        await app.Services.GetRequiredService<AccountService>().RegisterAsync(email, "Casey Compliance", "a long enough password", [Roles.Compliance], default);
        var (page, errors) = await browser.NewPageAsync(app.BaseUrl);

        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.Locator("header .who")).ToHaveTextAsync("Casey Compliance");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Compliance" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Empty(errors);
    }
}
