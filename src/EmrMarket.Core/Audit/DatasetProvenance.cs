using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Revocation;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Audit;

/// <summary>
/// Everything compliance asks about one dataset: the consent state it was built from, its policy and privacy report
/// (in <see cref="Dataset"/>), its offers, who bought it and holds a licence now, who downloaded it, and the revocations
/// that touched it.
/// </summary>
/// <param name="ConsentBlockTime">The consent block's time (null if neither the index nor the node knows the block).</param>
/// <param name="Consents">Every included patient's consent at the consent block, by patient key.</param>
/// <param name="Offers">The offers listing this package (by manifest hash), oldest first.</param>
/// <param name="Purchases">Purchases of those offers in chain order.</param>
/// <param name="LicenceHolders">Who holds a licence of those offers now.</param>
/// <param name="Revocations">The revocation trail this dataset is in (as the version replaced or the rebuilt one).</param>
/// <param name="ReplacedBy">The rebuilt dataset that replaced this one, if any.</param>
public sealed record DatasetProvenance(
    DatasetRecord Dataset,
    DateTimeOffset? ConsentBlockTime,
    Hash32? ConsentBlockHash,
    IReadOnlyList<ConsentAtBlock> Consents,
    IReadOnlyList<ChainOffer> Offers,
    IReadOnlyList<ChainPurchase> Purchases,
    IReadOnlyList<LicenceHolding> LicenceHolders,
    IReadOnlyList<DownloadEntry> Downloads,
    IReadOnlyList<RevocationAction> Revocations,
    Guid? ReplacedBy);
