using EmrMarket.Core.Chain;
using EmrMarket.Core.Health;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using EmrMarket.Ledger.Sending;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmrMarket.Cli.Commands;

public sealed class DeployCommand : ICommand
{
    public string Name => "deploy";

    public string Description => "deploy and wire the contracts, write Chain:DeploymentFile (skips if deployed; --force redeploys)";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var chain = services.GetRequiredService<IOptions<ChainOptions>>().Value;
        var path = chain.DeploymentFile is { Length: > 0 } p ? p : throw new CommandException("Chain:DeploymentFile is not set", 78);
        var adminKey = ParseKey(chain.AdminKey, "Chain:AdminKey");
        var force = args.Contains("--force");

        var current = await services.GetRequiredService<IEnumerable<IHealthProbe>>().OfType<ContractsHealthProbe>().Single().CheckAsync(cancellationToken);
        if (current.Up && !force)
        {
            await output.WriteLineAsync($"contracts already deployed ({path}); use --force to deploy new ones");
            return 0;
        }

        var rpc = services.GetRequiredService<EthRpc>();
        var settings = new DeploySettings(
            Treasury: OptionAddress(args, "--treasury") ?? adminKey.Address,
            FeeBps: ushort.Parse(Option(args, "--fee-bps") ?? "250", System.Globalization.CultureInfo.InvariantCulture),
            Curators: [ParseKey(chain.CuratorKey, "Chain:CuratorKey").Address],
            Providers: [],
            WithTestDollar: chain.ChainId == 31337 || args.Contains("--test-dollar"));
        try
        {
            var deployment = await ContractDeployer.DeployAsync(new TransactionSender(rpc, adminKey, chain.ChainId), settings, cancellationToken);
            await deployment.WriteAsync(path, cancellationToken);
            foreach (var (name, address) in deployment.Contracts) await output.WriteLineAsync($"{name,-16} {address}");
            await output.WriteLineAsync($"deployment written to {path} (start block {deployment.StartBlock})");
            return 0;
        }
        catch (Exception e) when (e is RpcTransportException or JsonRpcException or TransactionFailedException or ContractRevertException)
        {
            throw new CommandException($"deployment failed: {e.Message}");
        }
    }

    private static PrivateKey ParseKey(string? hex, string key)
    {
        if (string.IsNullOrWhiteSpace(hex)) throw new CommandException($"{key} is not set (a hex private key, from the environment)", 78);
        try
        {
            return PrivateKey.Parse(hex);
        }
        catch (LedgerFormatException e)
        {
            throw new CommandException($"{key} is not a private key: {e.Message}", 78);
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static EthAddress? OptionAddress(string[] args, string name) =>
        Option(args, name) is { } text ? EthAddress.TryParse(text, out var a) ? a : throw new CommandException($"{name}: '{text}' is not an address", 64) : null;
}
