using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>The keys behind <see cref="OutboxSigner"/>s.</summary>
public interface ISignerKeys
{
    /// <exception cref="OutboxException">The signer has no key (a platform key not configured, an external wallet, no provider key).</exception>
    Task<EthAddress> AddressAsync(OutboxSigner signer, CancellationToken cancellationToken);

    /// <exception cref="OutboxException">As for <see cref="AddressAsync"/>.</exception>
    Task<PrivateKey> OpenAsync(OutboxSigner signer, CancellationToken cancellationToken);
}
