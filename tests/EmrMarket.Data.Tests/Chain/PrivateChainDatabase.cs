using EmrMarket.Testing;

namespace EmrMarket.Data.Tests.Chain;

/// <summary>A <see cref="ChainDatabase"/> whose contracts live on an anvil of its own, which its tests may revert, mine, time and stop.</summary>
public class PrivateChainDatabase : ChainDatabase
{
    public PrivateAnvil Anvil { get; private set; } = null!;

    /// <summary>Extra anvil arguments (e.g. --block-time).</summary>
    protected virtual string[] AnvilArguments => [];

    protected override async Task<DeployedChain> DeployAsync()
    {
        Anvil = await PrivateAnvil.StartAsync(AnvilArguments);
        return await DeployedChain.OnAsync(Anvil.RpcUrl, PrivateAnvil.ChainId);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Anvil.DisposeAsync();
    }
}
