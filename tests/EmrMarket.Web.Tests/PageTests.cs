using EmrMarket.Testing;

namespace EmrMarket.Web.Tests;

public sealed class PageTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Home_Prerendered_ShowsEachDependency()
    {
        var stack = await TestStack.GetAsync();
        await using var app = new EmrWebFactory(database.ConnectionString, stack.RpcUrl, "/nonexistent/deployment.json");

        var html = await app.CreateClient().GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("System status", html);
        Assert.Contains("_framework/blazor.web.js", html);
    }

    [Fact]
    public async Task BlazorScript_IsServedAsJavaScript()
    {
        var stack = await TestStack.GetAsync();
        await using var app = new EmrWebFactory(database.ConnectionString, stack.RpcUrl, "/nonexistent/deployment.json");

        using var response = await app.CreateClient().GetAsync(new Uri("/_framework/blazor.web.js", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Blazor", await response.Content.ReadAsStringAsync());
    }
}
