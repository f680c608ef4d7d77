using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Sending;

namespace EmrMarket.Core.Chain;

/// <summary>
/// Deploys and wires the contracts from the embedded artifacts; the deployer's key stays the admin
/// (it grants provider roles as hospitals join).
/// </summary>
public static class ContractDeployer
{
    public static async Task<Deployment> DeployAsync(TransactionSender deployer, DeploySettings settings, CancellationToken cancellationToken)
    {
        var startBlock = await deployer.Rpc.BlockNumberAsync(cancellationToken);
        var admin = deployer.Address;

        var consents = await DeployAsync(deployer, ContractArtifacts.ConsentRegistry, [], cancellationToken);
        var anchor = await DeployAsync(deployer, ContractArtifacts.RecordAnchor, [admin], cancellationToken);
        var marketplace = await DeployAsync(deployer, ContractArtifacts.DataMarketplace,
            [admin, settings.Treasury, settings.FeeBps, settings.LicenseUri], cancellationToken);
        var license = await marketplace.CallAsync<EthAddress>("license");

        var grants = new List<TransactionRequest>();
        var curatorRole = Keccak256.Hash("CURATOR_ROLE");
        var providerRole = Keccak256.Hash("PROVIDER_ROLE");
        grants.AddRange(settings.Curators.Select(c => marketplace.Transaction("grantRole", curatorRole, c)));
        grants.AddRange(settings.Providers.Select(p => anchor.Transaction("grantRole", providerRole, p)));
        foreach (var pending in await deployer.SendBatchAsync(grants, cancellationToken))
            await deployer.WaitAsync(pending, cancellationToken: cancellationToken);

        var contracts = new Dictionary<string, string>
        {
            [ContractArtifacts.ConsentRegistry] = consents.Address.ToString(),
            [ContractArtifacts.RecordAnchor] = anchor.Address.ToString(),
            [ContractArtifacts.DataMarketplace] = marketplace.Address.ToString(),
            [ContractArtifacts.DataLicense] = license.ToString(),
        };
        if (settings.WithTestDollar)
        {
            var dollar = await DeployAsync(deployer, ContractArtifacts.TestDollar, [admin], cancellationToken);
            contracts[ContractArtifacts.TestDollar] = dollar.Address.ToString();
        }
        return new Deployment(deployer.ChainId, startBlock, contracts);
    }

    private static Task<Contract> DeployAsync(TransactionSender deployer, string name, object?[] arguments, CancellationToken cancellationToken) =>
        Contract.DeployAsync(deployer, ContractArtifacts.Get(name), arguments, cancellationToken);
}
