using System.Collections.Concurrent;
using EmrMarket.Core.Anchoring;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>
/// Platform keys from configuration (Chain:AdminKey, RelayerKey, CuratorKey), accounts' custodial keys through
/// <see cref="WalletService"/>, providers' keys from their sealed store.
/// </summary>
public sealed class SignerKeys(IOptions<ChainOptions> options, WalletService wallets, IProviderKeyStore providerKeys, IWalletVault vaults)
    : ISignerKeys
{
    private readonly ConcurrentDictionary<SignerRole, PrivateKey> _platform = new();

    public async Task<EthAddress> AddressAsync(OutboxSigner signer, CancellationToken cancellationToken) => signer.Role switch
    {
        SignerRole.Account => await AccountAddressAsync(signer, cancellationToken),
        SignerRole.Provider => (await ProviderKeyAsync(signer, cancellationToken)).Address,
        _ => Platform(signer.Role).Address,
    };

    public async Task<PrivateKey> OpenAsync(OutboxSigner signer, CancellationToken cancellationToken)
    {
        switch (signer.Role)
        {
            case SignerRole.Account:
                try
                {
                    return await wallets.OpenCustodialKeyAsync(RequireId(signer), cancellationToken);
                }
                catch (WalletException e)
                {
                    throw new OutboxException($"{signer}: {e.Message}");
                }
            case SignerRole.Provider:
                var key = await ProviderKeyAsync(signer, cancellationToken);
                return (await vaults.GetAsync(cancellationToken)).Open(key.Address, key.SealedKey);
            default:
                return Platform(signer.Role);
        }
    }

    private async Task<EthAddress> AccountAddressAsync(OutboxSigner signer, CancellationToken cancellationToken) =>
        (await OpenAsync(signer, cancellationToken)).Address;

    private async Task<ProviderKey> ProviderKeyAsync(OutboxSigner signer, CancellationToken cancellationToken) =>
        await providerKeys.FindAsync(RequireId(signer), cancellationToken)
        ?? throw new OutboxException($"{signer} has no anchoring key yet");

    private PrivateKey Platform(SignerRole role) => _platform.GetOrAdd(role, r =>
    {
        var (value, name) = r switch
        {
            SignerRole.Admin => (options.Value.AdminKey, "Chain:AdminKey"),
            SignerRole.Relayer => (options.Value.RelayerKey, "Chain:RelayerKey"),
            SignerRole.Curator => (options.Value.CuratorKey, "Chain:CuratorKey"),
            _ => throw new OutboxException($"no platform key for {r}"),
        };
        if (string.IsNullOrWhiteSpace(value)) throw new OutboxException($"{name} is not set (a hex private key, from the environment)");
        try
        {
            return PrivateKey.Parse(value);
        }
        catch (LedgerFormatException e)
        {
            throw new OutboxException($"{name} is not a private key: {e.Message}");
        }
    });

    private static Guid RequireId(OutboxSigner signer) =>
        signer.Id ?? throw new OutboxException($"a {signer.Role} signer needs an id");
}
