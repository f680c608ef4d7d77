using System.Numerics;
using EmrMarket.Core.Chain;
using EmrMarket.Ledger.Contracts;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Testing;

namespace EmrMarket.Core.Tests.Chain;

public sealed class ContractDeployerTests(DeployedChain chain) : IClassFixture<DeployedChain>
{
    private Contract At(string name) => new(chain.Rpc, chain.Address(name), ContractArtifacts.Get(name).Abi);

    [Fact]
    public async Task DeployAsync_FreshChain_EveryContractHasCode()
    {
        foreach (var (name, address) in chain.Deployment.Contracts)
            Assert.True((await chain.Rpc.GetCodeAsync(address)).Length > 0, $"{name} has no code");
        Assert.Equal(5, chain.Deployment.Contracts.Count);
    }

    [Fact]
    public async Task DeployAsync_Wiring_GrantsRolesAndSetsFeeAndLicence()
    {
        var marketplace = At(ContractArtifacts.DataMarketplace);
        var anchor = At(ContractArtifacts.RecordAnchor);

        Assert.True(await marketplace.CallAsync<bool>("hasRole", Keccak256.Hash("CURATOR_ROLE"), chain.Curator.Address));
        Assert.False(await marketplace.CallAsync<bool>("hasRole", Keccak256.Hash("CURATOR_ROLE"), chain.Relayer.Address));
        Assert.True(await anchor.CallAsync<bool>("hasRole", Keccak256.Hash("PROVIDER_ROLE"), chain.Provider.Address));
        Assert.True(await marketplace.CallAsync<bool>("hasRole", new byte[32], chain.Admin.Address));
        Assert.Equal(new BigInteger(250), await marketplace.CallAsync<BigInteger>("feeBps"));
        Assert.Equal(chain.Treasury, await marketplace.CallAsync<EthAddress>("treasury"));
        Assert.Equal(chain.Address(ContractArtifacts.DataLicense), await marketplace.CallAsync<EthAddress>("license"));
        Assert.Equal(new BigInteger(6), await At(ContractArtifacts.TestDollar).CallAsync<BigInteger>("decimals"));
    }

    [Fact]
    public async Task DeployAsync_StartBlock_IsBeforeEveryDeployment()
    {
        Assert.True(chain.Deployment.StartBlock < await chain.Rpc.BlockNumberAsync());
        Assert.Equal(chain.ChainId, chain.Deployment.ChainId);
    }
}
