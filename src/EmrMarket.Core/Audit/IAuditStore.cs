using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Audit;

/// <summary>The audit queries over the consent trail, datasets and downloads.</summary>
public interface IAuditStore
{
    /// <summary>Consent changes matching the query, newest first, each with the state it replaced and when it was itself replaced.</summary>
    Task<IReadOnlyList<ConsentTrailEntry>> TrailAsync(ConsentTrailQuery query, CancellationToken cancellationToken);

    /// <summary>Each patient of the dataset (by wallet) with their latest consent change at or before <paramref name="block"/>.</summary>
    Task<IReadOnlyList<(EthAddress Patient, ConsentTrailEntry? State)>> ConsentsAtAsync(Guid datasetId, ulong block, CancellationToken cancellationToken);

    /// <summary>The indexed offers whose manifest hash is <paramref name="manifestHash"/>, oldest first.</summary>
    Task<IReadOnlyList<ulong>> OffersOfAsync(Hash32 manifestHash, CancellationToken cancellationToken);

    /// <summary>The dataset's downloads, oldest first, with the downloading account's e-mail.</summary>
    Task<IReadOnlyList<DownloadEntry>> DownloadsAsync(Guid datasetId, CancellationToken cancellationToken);

    /// <summary>A block the indexer stored (hash and time), or null.</summary>
    Task<IndexedBlock?> BlockAsync(ulong number, CancellationToken cancellationToken);

    /// <summary>The newest dataset built to replace <paramref name="datasetId"/>, or null.</summary>
    Task<Guid?> ReplacedByAsync(Guid datasetId, CancellationToken cancellationToken);
}
