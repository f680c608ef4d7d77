using System.Text.Json;
using System.Text.Json.Nodes;
using EmrMarket.Testing;

namespace EmrMarket.Ledger.Tests.Oracles;

/// <summary>Asks ethers / @openzeppelin/merkle-tree (npm, in contracts/node_modules) for reference answers, one node run per batch.</summary>
internal static class EthersOracle
{
    private static string Script => Path.Combine(AppContext.BaseDirectory, "Oracles", "ethers-oracle.mjs");

    public static async Task<JsonElement[]> AskAsync(string op, JsonArray cases)
    {
        var request = new JsonObject { ["op"] = op, ["cases"] = cases }.ToJsonString();
        var result = await ProcessRunner.RunAsync("node", [Script], standardInput: request,
            environment: new Dictionary<string, string> { ["EMR_CONTRACTS_DIR"] = RepoPaths.Contracts });
        Assert.True(result.ExitCode == 0, $"ethers oracle failed: {result.StandardError}");
        return JsonDocument.Parse(result.StandardOutput).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
