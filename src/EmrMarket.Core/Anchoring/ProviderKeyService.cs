using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Anchoring;

/// <summary>
/// Gives each provider an anchoring key (generated and sealed like a custodial wallet key) and has the admin grant
/// it PROVIDER_ROLE on RecordAnchor through the outbox, once per key and deployment.
/// </summary>
public sealed class ProviderKeyService(IProviderKeyStore store, IWalletVault vaults, IOutbox outbox, IChainDeployment deployment)
{
    public static readonly Hash32 ProviderRole = Keccak256.Hash("PROVIDER_ROLE");

    /// <summary>The provider's address and the outbox row granting it the role (its anchors wait for that row).</summary>
    public async Task<(EthAddress Address, long GrantOutboxId)> EnsureAsync(Guid providerId, CancellationToken cancellationToken)
    {
        var key = await store.FindAsync(providerId, cancellationToken);
        if (key is null)
        {
            var (address, sealedKey) = (await vaults.GetAsync(cancellationToken)).CreateKey();
            key = await store.InsertIfAbsentAsync(providerId, address, sealedKey, cancellationToken);
        }
        var contracts = await deployment.GetAsync(cancellationToken);
        var grant = await outbox.EnqueueAsync(new OutboxRequest(
            $"{OutboxKinds.GrantProvider}:{contracts.RecordAnchor.ToLowerHex()}:{key.Address.ToLowerHex()}", OutboxKinds.GrantProvider,
            OutboxSigner.Admin, contracts.RecordAnchor,
            ChainContracts.Abi(ContractArtifacts.RecordAnchor).Encode("grantRole", ProviderRole, key.Address)), cancellationToken);
        return (key.Address, grant);
    }
}
