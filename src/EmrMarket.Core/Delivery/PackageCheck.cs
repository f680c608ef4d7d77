using System.Numerics;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Datasets.Packaging;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Delivery;

/// <summary>
/// The integrity check a buyer (or a compliance officer) runs: read the offer's commitments from the chain,
/// then re-derive them from the package bytes.
/// </summary>
public sealed class PackageCheck(EthRpc rpc, IOptions<ChainOptions> options)
{
    public async Task<OnChainCommitments> CommitmentsAsync(ulong offerId, CancellationToken cancellationToken)
    {
        var path = options.Value.DeploymentFile;
        var deployment = string.IsNullOrWhiteSpace(path) ? null : await Deployment.ReadAsync(path, cancellationToken);
        if (deployment is null || !deployment.Contracts.TryGetValue(ContractArtifacts.DataMarketplace, out var address))
            throw new DeliveryException("the contracts are not deployed, so there is nothing on chain to check against");
        var marketplace = new Contract(rpc, EthAddress.Parse(address), ContractArtifacts.Get(ContractArtifacts.DataMarketplace).Abi);
        var offer = (object?[])(await marketplace.CallAsync("offer", [offerId], BlockTag.Latest, cancellationToken))[0]!;
        var manifestHash = new Hash32((byte[])offer[0]!);
        if (manifestHash == default || ((byte[])offer[0]!).All(b => b == 0))
            throw new DeliveryException($"there is no offer {offerId} on chain");
        return new OnChainCommitments(manifestHash, new Hash32((byte[])offer[1]!), new Hash32((byte[])offer[2]!), (BigInteger)offer[9]!);
    }

    public async Task<PackageVerification> VerifyAsync(ulong offerId, Stream package, CancellationToken cancellationToken) =>
        await PackageVerifier.VerifyAsync(package, await CommitmentsAsync(offerId, cancellationToken), cancellationToken);
}
