namespace EmrMarket.Testing;

/// <summary>
/// The PostgreSQL cluster and anvil node the tests use. The test command starts them and passes
/// their settings in EMR_* variables; a plain <c>dotnet test</c> starts the "test" instance itself.
/// </summary>
public sealed record TestStack(string PostgresConnection, Uri RpcUrl, ulong ChainId)
{
    private static readonly Lazy<Task<TestStack>> Instance = new(StartAsync);

    public static Task<TestStack> GetAsync() => Instance.Value;

    private static async Task<TestStack> StartAsync()
    {
        var settings = FromEnvironment();
        settings ??= await StackScript.UpAsync("test");
        return new TestStack(settings["EMR_PG_CONNECTION"], new Uri(settings["EMR_RPC_URL"]), ulong.Parse(settings["EMR_CHAIN_ID"]));
    }

    private static Dictionary<string, string>? FromEnvironment()
    {
        string[] keys = ["EMR_PG_CONNECTION", "EMR_RPC_URL", "EMR_CHAIN_ID"];
        var values = keys.ToDictionary(k => k, k => Environment.GetEnvironmentVariable(k) ?? "");
        return values.Values.All(v => v.Length > 0) ? values : null;
    }
}
