using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EmrMarket.Core.Accounts;
using EmrMarket.Core.Ingest;
using EmrMarket.Core.Providers;
using EmrMarket.Fhir.Synthetic;
using EmrMarket.Testing;
using EmrMarket.Web.Uploads;
using Microsoft.Extensions.DependencyInjection;

namespace EmrMarket.Web.Tests;

public sealed class UploadEndpointTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private const string Password = "a long enough password";
    private EmrWebFactory _app = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("emr-upload-").FullName;
    private string _provider = "", _patient = "", _unassigned = "";
    private readonly string _hospital = $"h-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        var stack = await TestStack.GetAsync();
        _app = new EmrWebFactory(database.ConnectionString, stack.RpcUrl, "/nonexistent.json");
        await _app.Services.GetRequiredService<EmrMarket.Data.MigrationRunner>().MigrateAsync(default);
        var accounts = _app.Services.GetRequiredService<AccountService>();
        var store = _app.Services.GetRequiredService<IIngestStore>();
        await store.CreateProviderAsync(_hospital, "St Mary's", default);
        _provider = await RegisterAsync(accounts, Roles.Provider);
        _patient = await RegisterAsync(accounts, Roles.Patient);
        _unassigned = await RegisterAsync(accounts, Roles.Provider);
        var member = await _app.Services.GetRequiredService<IAccountRepository>().FindByEmailAsync(_provider, default);
        await _app.Services.GetRequiredService<IProviderMembers>().AddAsync(member!.Id, _hospital, default);
        await SyntheticGenerator.WriteAsync(_folder, new SyntheticOptions { Seed = 11, Patients = 1 });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Upload_ProviderSendsABundle_IsAcceptedThenUnchanged()
    {
        var client = await SignedInClient.CreateAsync(_app, _provider, Password);
        var bundle = await File.ReadAllBytesAsync(Directory.EnumerateFiles(_folder, "*.json").First());

        var first = await PostAsync(client, bundle, "application/fhir+json");
        var again = await PostAsync(client, bundle, "application/fhir+json");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var accepted = await first.Content.ReadFromJsonAsync<UploadResult>();
        Assert.Equal(1, accepted!.Accepted);
        Assert.True(accepted.Files[0].NewRecords > 10);
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<UploadResult>())!.Unchanged);
    }

    [Fact]
    public async Task Upload_MalformedJson_IsRejectedNamingTheFileAndNothingIsStored()
    {
        var client = await SignedInClient.CreateAsync(_app, _provider, Password);

        var response = await PostAsync(client, "{\"resourceType\":\"Bundle\",\"entry\":[{"u8.ToArray(), "application/fhir+json", "broken.json");

        var result = await response.Content.ReadFromJsonAsync<UploadResult>();
        Assert.Equal(1, result!.Rejected);
        Assert.Contains("broken.json", result.Files[0].Error);
        Assert.Null(result.BatchId);
    }

    [Fact]
    public async Task Upload_WrongContentType_Is415()
    {
        var client = await SignedInClient.CreateAsync(_app, _provider, Password);

        var response = await PostAsync(client, "{}"u8.ToArray(), "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Upload_PatientAccount_IsForbidden()
    {
        var client = await SignedInClient.CreateAsync(_app, _patient, Password);

        var response = await PostAsync(client, "{}"u8.ToArray(), "application/fhir+json");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Upload_ProviderOfNoHospital_IsForbiddenWithAReason()
    {
        var client = await SignedInClient.CreateAsync(_app, _unassigned, Password);

        var response = await PostAsync(client, "{}"u8.ToArray(), "application/fhir+json");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("no provider", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_Anonymous_IsNotServed()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await PostAsync(client, "{}"u8.ToArray(), "application/fhir+json");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string contentType, string name = "bundle.json")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync(new Uri($"/api/provider/uploads?name={name}", UriKind.Relative), content);
    }

    private static async Task<string> RegisterAsync(AccountService accounts, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.test";
        await accounts.RegisterAsync(email, role, Password, [role], default);
        return email;
    }
}
