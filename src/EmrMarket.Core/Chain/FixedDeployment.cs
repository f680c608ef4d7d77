namespace EmrMarket.Core.Chain;

/// <summary>A deployment known in code (tests, benchmarks, a deploy that just ran).</summary>
public sealed class FixedDeployment(ChainContracts contracts) : IChainDeployment
{
    public FixedDeployment(Deployment deployment) : this(new ChainContracts(deployment))
    {
    }

    public ValueTask<ChainContracts?> TryGetAsync(CancellationToken cancellationToken) => ValueTask.FromResult<ChainContracts?>(contracts);
}
