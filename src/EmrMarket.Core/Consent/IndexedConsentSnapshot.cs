using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Core.Datasets;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Core.Consent;

/// <summary>
/// <see cref="IConsentSnapshot"/> from the indexed consent trail: complete up to the indexer's cursor, and at any
/// block up to it the rule of ConsentRegistry.hasConsent with that block's timestamp. One query for a whole
/// cohort, where <see cref="ChainConsentSnapshot"/> makes one eth_call per patient.
/// </summary>
public sealed class IndexedConsentSnapshot(IConsentReadModel consents, IChainIndexStore index, EthRpc rpc) : IConsentSnapshot
{
    public async Task<ulong> CompleteUpToAsync(CancellationToken cancellationToken) =>
        (await index.GetCursorAsync(cancellationToken))?.Block.Number
        ?? throw new DatasetException("the consent trail is not indexed yet: the app's chain workers (or emr worker) must run");

    public async Task<IReadOnlySet<EthAddress>> ConsentingAsync(IReadOnlyCollection<EthAddress> candidates, ulong purposes, ulong block,
        CancellationToken cancellationToken)
    {
        if (block > await CompleteUpToAsync(cancellationToken)) throw new DatasetException($"the consent trail is not indexed up to block {block} yet");
        var header = await rpc.GetBlockByNumberAsync(block, cancellationToken) ?? throw new DatasetException($"the chain has no block {block}");
        var consenting = await consents.ConsentingAtAsync(block, header.Timestamp, (Purpose)purposes, cancellationToken);
        var wanted = candidates.ToHashSet();
        return consenting.Select(c => c.Patient).Where(wanted.Contains).ToHashSet();
    }
}
