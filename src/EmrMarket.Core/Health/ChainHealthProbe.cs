using EmrMarket.Core.Chain;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Health;

public sealed class ChainHealthProbe(EthRpc eth, IOptions<ChainOptions> options) : IHealthProbe
{
    public string Name => "chain";

    public async Task<HealthCheck> CheckAsync(CancellationToken cancellationToken)
    {
        var expected = options.Value.ChainId;
        try
        {
            var chainId = await eth.ChainIdAsync(cancellationToken);
            var block = await eth.BlockNumberAsync(cancellationToken);
            var details = new Dictionary<string, object?>
            {
                ["rpcUrl"] = options.Value.RpcUrl,
                ["chainId"] = chainId,
                ["latestBlock"] = block,
            };
            return chainId == expected
                ? new HealthCheck(Name, true, $"chain {chainId} at block {block}", details)
                : new HealthCheck(Name, false, $"the node reports chain id {chainId}, expected {expected} (Chain:ChainId)", details);
        }
        catch (Exception e) when (e is RpcTransportException or JsonRpcException)
        {
            return HealthCheck.Down(Name, $"the chain node at {options.Value.RpcUrl} is down: {e.Message}");
        }
    }
}
