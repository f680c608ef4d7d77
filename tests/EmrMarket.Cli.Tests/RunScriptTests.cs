using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Testing;

namespace EmrMarket.Cli.Tests;

/// <summary>scripts/run.sh signs with anvil's development accounts; a wrong default key is an unfunded address and the demo stalls.</summary>
public sealed partial class RunScriptTests
{
    [GeneratedRegex("""export (Chain__\w+Key)="\$\{Chain__\w+Key:-(0x[0-9a-fA-F]{64})\}""")]
    private static partial Regex DefaultKey();

    [Fact]
    public async Task DefaultChainKeys_AreAnvilsFundedDevelopmentAccounts()
    {
        var script = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Scripts, "run.sh"));
        var keys = DefaultKey().Matches(script).Select(m => (Setting: m.Groups[1].Value, Key: m.Groups[2].Value)).ToList();
        var stack = await TestStack.GetAsync();
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(stack.RpcUrl, new { jsonrpc = "2.0", id = 1, method = "eth_accounts", @params = Array.Empty<object>() });
        var accounts = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").EnumerateArray()
            .Select(a => a.GetString()!.ToLowerInvariant()).ToHashSet();

        Assert.Equal(["Chain__AdminKey", "Chain__RelayerKey", "Chain__CuratorKey"], keys.Select(k => k.Setting));
        Assert.All(keys, k => Assert.Contains(PrivateKey.Parse(k.Key).Address.ToString().ToLowerInvariant(), accounts));
        Assert.Equal(keys.Count, keys.Select(k => k.Key).Distinct().Count());
    }
}
