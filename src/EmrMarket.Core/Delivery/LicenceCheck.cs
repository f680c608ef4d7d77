using System.Numerics;
using EmrMarket.Core.Chain;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Delivery;

/// <summary>Whether an address holds the licence of an offer right now: DataLicense.balanceOf on the chain itself.</summary>
public sealed class LicenceCheck(EthRpc rpc, IOptions<ChainOptions> options)
{
    public async Task<bool> HoldsAsync(EthAddress holder, ulong offerId, CancellationToken cancellationToken)
    {
        var path = options.Value.DeploymentFile;
        var deployment = string.IsNullOrWhiteSpace(path) ? null : await Deployment.ReadAsync(path, cancellationToken);
        if (deployment is null || !deployment.Contracts.TryGetValue(ContractArtifacts.DataLicense, out var address))
            throw new DeliveryException("the contracts are not deployed, so no licence can be checked");
        var license = new Contract(rpc, EthAddress.Parse(address), ContractArtifacts.Get(ContractArtifacts.DataLicense).Abi);
        var balance = (BigInteger)(await license.CallAsync("balanceOf", [holder, offerId], BlockTag.Latest, cancellationToken))[0]!;
        return balance > 0;
    }
}
