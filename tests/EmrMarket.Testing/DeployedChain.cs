using System.Numerics;
using System.Text.Json.Nodes;
using EmrMarket.Core.Chain;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Ledger.Sending;

namespace EmrMarket.Testing;

/// <summary>
/// A fresh set of our contracts on the shared test anvil, deployed by fresh funded keys: each test class
/// gets contracts (and accounts) nobody else touches, so no snapshots are needed.
/// </summary>
public sealed class DeployedChain : IAsyncLifetime
{
    public EthRpc Rpc { get; private set; } = null!;

    public ulong ChainId { get; private set; }

    public Uri RpcUrl { get; private set; } = null!;

    public PrivateKey Admin { get; } = PrivateKey.Generate();

    public PrivateKey Relayer { get; } = PrivateKey.Generate();

    public PrivateKey Curator { get; } = PrivateKey.Generate();

    public PrivateKey Provider { get; } = PrivateKey.Generate();

    public EthAddress Treasury { get; } = PrivateKey.Generate().Address;

    public Deployment Deployment { get; private set; } = null!;

    public string DeploymentFile { get; } = Path.Combine(Path.GetTempPath(), $"emr-deployment-{Guid.NewGuid():N}.json");

    public async Task InitializeAsync()
    {
        var stack = await TestStack.GetAsync();
        await DeployAsync(stack.RpcUrl, stack.ChainId);
    }

    /// <summary>Deploys a fresh set on the node at <paramref name="rpcUrl"/> (a private anvil) instead of the shared one.</summary>
    public static async Task<DeployedChain> OnAsync(Uri rpcUrl, ulong chainId)
    {
        var chain = new DeployedChain();
        await chain.DeployAsync(rpcUrl, chainId);
        return chain;
    }

    private async Task DeployAsync(Uri rpcUrl, ulong chainId)
    {
        RpcUrl = rpcUrl;
        ChainId = chainId;
        Rpc = new EthRpc(new JsonRpcClient(new HttpClient(), rpcUrl));
        foreach (var key in new[] { Admin, Relayer, Curator, Provider }) await FundAsync(key.Address);
        var settings = new DeploySettings(Treasury, 250, [Curator.Address], [Provider.Address], WithTestDollar: true);
        Deployment = await ContractDeployer.DeployAsync(new TransactionSender(Rpc, Admin, ChainId), settings, CancellationToken.None);
        await Deployment.WriteAsync(DeploymentFile, CancellationToken.None);
    }

    public EthAddress Address(string contractName) => EthAddress.Parse(Deployment.Contracts[contractName]);

    /// <summary>Gives an address 1,000 ETH for gas (anvil_setBalance).</summary>
    public async Task FundAsync(EthAddress address) =>
        await Rpc.CallAsync("anvil_setBalance", new JsonArray(address.ToString(), "0x" + (BigInteger.Pow(10, 21)).ToString("x")));

    public Task DisposeAsync()
    {
        File.Delete(DeploymentFile);
        return Task.CompletedTask;
    }
}
