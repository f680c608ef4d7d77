using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Ledger.Sending;
using EmrMarket.Testing;

namespace EmrMarket.Ledger.Tests.Integration;

/// <summary>
/// The test anvil plus the probe contract compiled at test time with the repository's solc shim.
/// Other suites use the same chain concurrently, so tests work from fresh random accounts funded
/// with anvil_setBalance instead of snapshots or shared development keys.
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    public EthRpc Rpc { get; private set; } = null!;

    public ulong ChainId { get; private set; }

    public ContractArtifact Probe { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var stack = await TestStack.GetAsync();
        Rpc = new EthRpc(new JsonRpcClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, stack.RpcUrl));
        ChainId = stack.ChainId;
        Probe = await CompileProbeAsync();
    }

    public async Task<PrivateKey> FundedKeyAsync()
    {
        var key = PrivateKey.Generate();
        await Rpc.CallAsync("anvil_setBalance", [key.Address.ToLowerHex(), "0x" + (BigInteger.Pow(10, 21)).ToString("x")]);
        return key;
    }

    public async Task<TransactionSender> SenderAsync(TransactionSenderOptions? options = null) =>
        new(Rpc, await FundedKeyAsync(), ChainId, options ?? new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(20) });

    private static async Task<ContractArtifact> CompileProbeAsync()
    {
        var source = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Integration", "LedgerProbe.sol"));
        var input = new JsonObject
        {
            ["language"] = "Solidity",
            ["sources"] = new JsonObject { ["LedgerProbe.sol"] = new JsonObject { ["content"] = source } },
            ["settings"] = new JsonObject
            {
                ["evmVersion"] = "cancun",
                ["optimizer"] = new JsonObject { ["enabled"] = true, ["runs"] = 200 },
                ["outputSelection"] = new JsonObject { ["*"] = new JsonObject { ["*"] = new JsonArray("abi", "evm.bytecode.object", "evm.deployedBytecode.object") } },
            },
        };
        var result = await ProcessRunner.RunAsync("node", [Path.Combine(RepoPaths.Contracts, "tools", "solc"), "--standard-json"],
            workingDirectory: RepoPaths.Contracts, standardInput: input.ToJsonString());
        Assert.True(result.ExitCode == 0, result.StandardError);
        using var output = JsonDocument.Parse(result.StandardOutput);
        if (output.RootElement.TryGetProperty("errors", out var errors) && errors.EnumerateArray().Any(e => e.GetProperty("severity").GetString() == "error"))
            Assert.Fail(errors.GetRawText());
        var contract = output.RootElement.GetProperty("contracts").GetProperty("LedgerProbe.sol").GetProperty("LedgerProbe");
        var artifact = new JsonObject
        {
            ["contractName"] = "LedgerProbe",
            ["sourceName"] = "LedgerProbe.sol",
            ["abi"] = JsonNode.Parse(contract.GetProperty("abi").GetRawText()),
            ["bytecode"] = "0x" + contract.GetProperty("evm").GetProperty("bytecode").GetProperty("object").GetString(),
            ["deployedBytecode"] = "0x" + contract.GetProperty("evm").GetProperty("deployedBytecode").GetProperty("object").GetString(),
        };
        return ContractArtifact.Parse(artifact.ToJsonString());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
