using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain;

/// <summary>
/// The deployed contracts the app writes to and indexes: addresses from the deployment, ABIs from the embedded
/// artifacts, and every custom error they can revert with (to decode any failed write).
/// </summary>
public sealed class ChainContracts
{
    private static readonly string[] Indexed =
        [ContractArtifacts.ConsentRegistry, ContractArtifacts.RecordAnchor, ContractArtifacts.DataMarketplace, ContractArtifacts.DataLicense];

    public ChainContracts(Deployment deployment)
    {
        Deployment = deployment;
        ConsentRegistry = Address(ContractArtifacts.ConsentRegistry);
        RecordAnchor = Address(ContractArtifacts.RecordAnchor);
        DataMarketplace = Address(ContractArtifacts.DataMarketplace);
        DataLicense = Address(ContractArtifacts.DataLicense);
        TestDollar = deployment.Contracts.TryGetValue(ContractArtifacts.TestDollar, out var dollar) ? EthAddress.Parse(dollar) : null;
        Errors = [.. deployment.Contracts.Keys.Concat(Indexed).Distinct()
            .SelectMany(name => ContractArtifacts.Get(name).Abi.Errors)
            .DistinctBy(e => Convert.ToHexString(e.Selector))];
    }

    public Deployment Deployment { get; }

    public ulong ChainId => Deployment.ChainId;

    public EthAddress ConsentRegistry { get; }

    public EthAddress RecordAnchor { get; }

    public EthAddress DataMarketplace { get; }

    public EthAddress DataLicense { get; }

    public EthAddress? TestDollar { get; }

    /// <summary>The contracts whose events the indexer reads.</summary>
    public IReadOnlyList<EthAddress> IndexedAddresses => [ConsentRegistry, RecordAnchor, DataMarketplace, DataLicense];

    /// <summary>Every custom error of every deployed contract (OpenZeppelin's included), for decoding reverts.</summary>
    public IReadOnlyList<AbiError> Errors { get; }

    /// <summary>Names this deployment: a different one (a redeploy, a reset chain) makes the indexer start over.</summary>
    public string Key => $"{Deployment.ChainId}:{ConsentRegistry.ToLowerHex()}:{Deployment.StartBlock}";

    public static ContractAbi Abi(string contractName) => ContractArtifacts.Get(contractName).Abi;

    private EthAddress Address(string name) =>
        Deployment.Contracts.TryGetValue(name, out var address)
            ? EthAddress.Parse(address)
            : throw new ChainNotDeployedException($"the deployment has no {name} address");
}
