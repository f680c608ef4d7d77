using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Anchoring;

public interface IProviderKeyStore
{
    Task<ProviderKey?> FindAsync(Guid providerId, CancellationToken cancellationToken);

    /// <summary>Stores the key unless the provider has one; returns the provider's key.</summary>
    Task<ProviderKey> InsertIfAbsentAsync(Guid providerId, EthAddress address, byte[] sealedKey, CancellationToken cancellationToken);
}
