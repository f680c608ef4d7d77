using System.Text.Json;
using EmrMarket.Core.Chain;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Health;

/// <summary>Checks that the deployment file exists and that every address in it holds code.</summary>
public sealed class ContractsHealthProbe(EthRpc eth, IOptions<ChainOptions> options) : IHealthProbe
{
    public string Name => "contracts";

    public async Task<HealthCheck> CheckAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.DeploymentFile;
        if (string.IsNullOrWhiteSpace(path))
            return HealthCheck.Down(Name, "not deployed: Chain:DeploymentFile is not set");

        Deployment? deployment;
        try
        {
            deployment = await Deployment.ReadAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidDataException)
        {
            return HealthCheck.Down(Name, $"the deployment file {path} cannot be read: {e.Message}");
        }
        if (deployment is null)
            return HealthCheck.Down(Name, $"not deployed: {path} does not exist (run emr deploy)");

        var details = new Dictionary<string, object?>
        {
            ["startBlock"] = deployment.StartBlock,
            ["addresses"] = deployment.Contracts,
        };
        try
        {
            var missing = new List<string>();
            foreach (var (name, address) in deployment.Contracts)
            {
                if ((await eth.GetCodeAsync(address, cancellationToken)).Length == 0) missing.Add($"{name} ({address})");
            }
            return missing.Count == 0
                ? new HealthCheck(Name, true, $"{deployment.Contracts.Count} contracts deployed", details)
                : new HealthCheck(Name, false,
                    $"no code at {string.Join(", ", missing)}: the chain was reset since the deployment (run emr deploy)", details);
        }
        catch (Exception e) when (e is RpcTransportException or JsonRpcException)
        {
            return new HealthCheck(Name, false, $"cannot check the contracts, the chain node is down: {e.Message}", details);
        }
    }
}
