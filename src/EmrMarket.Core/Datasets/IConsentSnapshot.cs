using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Datasets;

/// <summary>Who consented to what at a given block: the rule of ConsentRegistry.hasConsent, at that block.</summary>
public interface IConsentSnapshot
{
    /// <summary>The newest block the consent trail is complete up to (the indexer's confirmed head).</summary>
    Task<ulong> CompleteUpToAsync(CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="candidates"/> whose consent at <paramref name="block"/> grants every purpose in <paramref name="purposes"/>.</summary>
    Task<IReadOnlySet<EthAddress>> ConsentingAsync(IReadOnlyCollection<EthAddress> candidates, ulong purposes, ulong block, CancellationToken cancellationToken);
}
