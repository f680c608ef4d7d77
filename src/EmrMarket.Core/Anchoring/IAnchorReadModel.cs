using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Anchoring;

public interface IAnchorReadModel
{
    Task<ChainAnchor?> FindAsync(Hash32 root, CancellationToken cancellationToken);

    /// <summary>Anchors made by a provider's key, newest first.</summary>
    Task<IReadOnlyList<ChainAnchor>> ByProviderAsync(EthAddress provider, CancellationToken cancellationToken);
}
