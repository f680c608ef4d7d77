using System.Net;
using EmrMarket.Core.Accounts;
using EmrMarket.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Web.Tests;

public sealed class SignInTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private const string Password = "a long enough password";
    private EmrWebFactory _app = null!;
    private string _email = "";

    public async Task InitializeAsync()
    {
        var stack = await TestStack.GetAsync();
        _app = new EmrWebFactory(database.ConnectionString, stack.RpcUrl, "/nonexistent/deployment.json");
        await _app.Services.GetRequiredService<EmrMarket.Data.MigrationRunner>().MigrateAsync(default);
        _email = $"r-{Guid.NewGuid():N}@example.test";
        await _app.Services.GetRequiredService<AccountService>().RegisterAsync(_email, "Riley", Password, [Roles.Researcher], default);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Login_RightPassword_SetsSessionCookieAndLandsOnRoleHome()
    {
        var client = NewClient();

        using var response = await PostLoginAsync(client, _email, Password, returnUrl: null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/catalog", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("emr.session=", StringComparison.Ordinal) && c.Contains("httponly"));
    }

    [Fact]
    public async Task Login_WrongPassword_ReturnsToLoginWithErrorAndNoSession()
    {
        var client = NewClient();

        using var response = await PostLoginAsync(client, _email, "not the password", returnUrl: "/catalog");

        Assert.StartsWith("/account/login?error=invalid", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("emr.session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_OffSiteReturnUrl_IsIgnored()
    {
        var client = NewClient();

        using var response = await PostLoginAsync(client, _email, Password, returnUrl: "//evil.example/phish");

        Assert.Equal("/catalog", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/", "/catalog")]
    [InlineData("", "/catalog")]
    [InlineData("/account/wallet", "/account/wallet")]
    public async Task Login_ReturnUrl_StartPageOrNoneLeadsToTheRolesPage(string returnUrl, string expected)
    {
        var client = NewClient();

        using var response = await PostLoginAsync(client, _email, Password, returnUrl);

        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LoginPage_NoReturnUrl_PostsNone()
    {
        var html = await NewClient().GetStringAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Contains("name=\"returnUrl\" value=\"\"", html);
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_IsRejected()
    {
        var client = NewClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = _email, ["password"] = Password });

        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task LoginPage_ErrorQuery_ShowsReadableMessage()
    {
        var html = await NewClient().GetStringAsync(new Uri("/account/login?error=locked", UriKind.Relative));

        Assert.Contains("locked", html);
        Assert.Contains("role=\"alert\"", html);
    }

    private HttpClient NewClient() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl) =>
        SignedInClient.PostLoginAsync(client, email, password, returnUrl);
}
