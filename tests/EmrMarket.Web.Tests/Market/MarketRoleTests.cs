using System.Net;
using EmrMarket.Core.Accounts;
using EmrMarket.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Web.Tests.Market;

/// <summary>Each researcher, curator and compliance page and export answers only its role, and bad filters get a reason.</summary>
public sealed class MarketRoleTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private const string Password = "a long enough password";
    private EmrWebFactory _app = null!;
    private readonly Dictionary<string, string> _emails = [];

    public async Task InitializeAsync()
    {
        var stack = await TestStack.GetAsync();
        _app = new EmrWebFactory(database.ConnectionString, stack.RpcUrl, "/nonexistent/deployment.json");
        await _app.Services.GetRequiredService<EmrMarket.Data.MigrationRunner>().MigrateAsync(default);
        var accounts = _app.Services.GetRequiredService<AccountService>();
        foreach (var role in new[] { Roles.Researcher, Roles.Curator, Roles.Compliance })
        {
            _emails[role] = $"{role}-{Guid.NewGuid():N}@example.test";
            await accounts.RegisterAsync(_emails[role], role, Password, [role], default);
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<HttpClient> AsAsync(string role) => SignedInClient.CreateAsync(_app, _emails[role], Password);

    [Theory]
    [InlineData(Roles.Researcher, "/curator")]
    [InlineData(Roles.Researcher, "/curator/build")]
    [InlineData(Roles.Researcher, "/curator/revocations")]
    [InlineData(Roles.Researcher, "/compliance")]
    [InlineData(Roles.Curator, "/compliance/datasets")]
    [InlineData(Roles.Curator, "/catalog")]
    [InlineData(Roles.Compliance, "/licences")]
    [InlineData(Roles.Compliance, "/curator")]
    public async Task Page_OtherRole_RedirectsToAccessDenied(string role, string path)
    {
        var client = await AsAsync(role);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/access-denied", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData(Roles.Researcher, "/catalog", "Dataset catalog")]
    [InlineData(Roles.Researcher, "/licences", "My licences")]
    [InlineData(Roles.Curator, "/curator", "Datasets and offers")]
    [InlineData(Roles.Curator, "/curator/build", "Suppression limit")]
    [InlineData(Roles.Curator, "/curator/revocations", "No offer is waiting for a rebuild")]
    [InlineData(Roles.Compliance, "/compliance", "Consent trail")]
    [InlineData(Roles.Compliance, "/compliance/datasets", "0 datasets")]
    public async Task Page_OwnRole_IsPrerendered(string role, string path, string text)
    {
        var client = await AsAsync(role);

        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));

        Assert.Contains(text, html);
        Assert.DoesNotContain("Exception", html);
    }

    [Theory]
    [InlineData("/api/compliance/consents.csv")]
    [InlineData("/api/compliance/consents.fhir.json")]
    [InlineData("/api/compliance/datasets/0195f1a2-0000-7000-8000-000000000000/provenance.zip")]
    [InlineData("/api/compliance/datasets/0195f1a2-0000-7000-8000-000000000000/consents.fhir.json")]
    public async Task Export_ResearcherOrCurator_IsForbiddenAndAnonymousUnauthorized(string path)
    {
        var uri = new Uri(path, UriKind.Relative);
        using var researcher = await (await AsAsync(Roles.Researcher)).GetAsync(uri);
        using var curator = await (await AsAsync(Roles.Curator)).GetAsync(uri);
        using var anonymous = await _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(uri);

        Assert.Equal(HttpStatusCode.Forbidden, researcher.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, curator.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task ExportCsv_ComplianceOfficer_GetsTheHeaderRow()
    {
        var client = await AsAsync(Roles.Compliance);

        using var response = await client.GetAsync(new Uri("/api/compliance/consents.csv?kind=revoke&from=2026-01-01", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("patient,version,block", (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
    }

    [Theory]
    [InlineData("from=31.01.2026", "'from' must be a date")]
    [InlineData("patient=0x12", "a patient key is a wallet address")]
    [InlineData("kind=sometimes", "'kind' must be grant, revoke or any")]
    [InlineData("from=2026-02-01&to=2026-01-01", "ends before it starts")]
    public async Task ExportCsv_BadFilter_Is400NamingTheField(string query, string message)
    {
        var client = await AsAsync(Roles.Compliance);

        using var response = await client.GetAsync(new Uri($"/api/compliance/consents.csv?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExportProvenance_UnknownDataset_Is404()
    {
        var client = await AsAsync(Roles.Compliance);

        using var response = await client.GetAsync(new Uri($"/api/compliance/datasets/{Guid.NewGuid()}/provenance.zip", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
