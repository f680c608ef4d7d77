using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmrMarket.Core.Chain;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Testing;

namespace EmrMarket.Web.Tests;

public sealed class HealthEndpointTests : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly PostgresDatabase _database;
    private readonly string _folder = Directory.CreateTempSubdirectory("emr-health-").FullName;

    public HealthEndpointTests(PostgresDatabase database) => _database = database;

    private string DeploymentFile => Path.Combine(_folder, "deployment.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Health_AllDependenciesUp_Returns200WithDatabaseChainAndAddresses()
    {
        var stack = await TestStack.GetAsync();
        var address = await PlantCodeAsync(stack.RpcUrl);
        await new Deployment(31337, 0, new Dictionary<string, string> { ["ConsentRegistry"] = address }).WriteAsync(DeploymentFile, default);
        await using var app = new EmrWebFactory(_database.ConnectionString, stack.RpcUrl, DeploymentFile);
        await WaitForAsync(async () => (await GetHealthAsync(app)).Body["database"]!["status"]!.GetValue<string>() == "up");

        var (status, body) = await GetHealthAsync(app);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body["status"]!.GetValue<string>());
        Assert.Equal("up", body["database"]!["status"]!.GetValue<string>());
        Assert.Equal(31337, body["chain"]!["chainId"]!.GetValue<long>());
        Assert.True(body["chain"]!["latestBlock"]!.GetValue<long>() >= 0);
        Assert.Equal(address, body["contracts"]!["addresses"]!["ConsentRegistry"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_NoDeploymentFile_Returns503SayingNotDeployed()
    {
        var stack = await TestStack.GetAsync();
        await using var app = new EmrWebFactory(_database.ConnectionString, stack.RpcUrl, DeploymentFile);

        var (status, body) = await GetHealthAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("down", body["contracts"]!["status"]!.GetValue<string>());
        Assert.Contains("not deployed", body["contracts"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_AddressWithoutCode_Returns503NamingTheContract()
    {
        var stack = await TestStack.GetAsync();
        var empty = "0x" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000";
        await new Deployment(31337, 0, new Dictionary<string, string> { ["DataMarketplace"] = empty }).WriteAsync(DeploymentFile, default);
        await using var app = new EmrWebFactory(_database.ConnectionString, stack.RpcUrl, DeploymentFile);

        var (_, body) = await GetHealthAsync(app);

        Assert.Contains("DataMarketplace", body["contracts"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_ChainNodeStoppedThenRestarted_GoesDownNamingTheChainThenRecovers()
    {
        var name = $"health-anvil-{Guid.NewGuid():N}"[..20];
        var node = await StackScript.UpAsync(name, only: "anvil");
        try
        {
            await using var app = new EmrWebFactory(_database.ConnectionString, new Uri(node["EMR_RPC_URL"]), DeploymentFile);
            Assert.Equal("up", (await GetHealthAsync(app)).Body["chain"]!["status"]!.GetValue<string>());

            await StackScript.DownAsync(name, only: "anvil");
            var down = (await GetHealthAsync(app)).Body["chain"]!;
            Assert.Equal("down", down["status"]!.GetValue<string>());
            Assert.Contains("chain node", down["message"]!.GetValue<string>());

            await StackScript.UpAsync(name, only: "anvil");
            Assert.Equal("up", (await GetHealthAsync(app)).Body["chain"]!["status"]!.GetValue<string>());
        }
        finally
        {
            await StackScript.ResetAsync(name);
        }
    }

    [Fact]
    public async Task Health_PostgresStoppedThenRestarted_GoesDownNamingTheDatabaseThenRecovers()
    {
        var stack = await TestStack.GetAsync();
        var name = $"health-pg-{Guid.NewGuid():N}"[..18];
        var server = await StackScript.UpAsync(name, only: "pg");
        try
        {
            await using var app = new EmrWebFactory(server["EMR_PG_CONNECTION"], stack.RpcUrl, DeploymentFile);
            await WaitForAsync(async () => (await GetHealthAsync(app)).Body["database"]!["status"]!.GetValue<string>() == "up");

            await StackScript.DownAsync(name, only: "pg");
            var (status, body) = await GetHealthAsync(app);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("PostgreSQL is down", body["database"]!["message"]!.GetValue<string>());

            await StackScript.UpAsync(name, only: "pg");
            Assert.Equal("up", (await GetHealthAsync(app)).Body["database"]!["status"]!.GetValue<string>());
        }
        finally
        {
            await StackScript.ResetAsync(name);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetHealthAsync(EmrWebFactory app)
    {
        using var response = await app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    // The app migrates in the background at start; the schema check is up once that finished.
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++) await Task.Delay(100);
        Assert.True(await condition());
    }

    private static async Task<string> PlantCodeAsync(Uri rpcUrl)
    {
        var address = "0x" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "0000beef";
        var client = new JsonRpcClient(new HttpClient(), rpcUrl);
        await client.CallAsync("anvil_setCode", new JsonArray(address, "0x6000"), default);
        return address;
    }
}
