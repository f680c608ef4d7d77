namespace EmrMarket.Core.Chain;

/// <summary>Where the deployed contracts are. The file-backed one notices a redeployment.</summary>
public interface IChainDeployment
{
    /// <summary>The contracts, or null while nothing is deployed.</summary>
    /// <exception cref="ChainNotDeployedException">The deployment file exists but cannot be read.</exception>
    ValueTask<ChainContracts?> TryGetAsync(CancellationToken cancellationToken);

    /// <summary>The contracts.</summary>
    /// <exception cref="ChainNotDeployedException">Nothing is deployed.</exception>
    async ValueTask<ChainContracts> GetAsync(CancellationToken cancellationToken) =>
        await TryGetAsync(cancellationToken)
        ?? throw new ChainNotDeployedException("the contracts are not deployed: set Chain:DeploymentFile and run emr deploy");
}
