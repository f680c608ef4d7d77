using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Ledger.Rpc;

namespace EmrMarket.Core.Consent;

/// <summary>Consent questions that need the chain as well as the read models.</summary>
public sealed class ConsentQueries(IConsentReadModel consents, IChainIndexStore index, EthRpc rpc)
{
    /// <summary>
    /// The patients whose on-chain consent covered <paramref name="purposes"/> at <paramref name="block"/> (the rule of
    /// ConsentRegistry.hasConsent with that block's timestamp).
    /// </summary>
    /// <exception cref="ChainNotIndexedException">The indexer has not read that block yet, or the chain has no such block.</exception>
    public async Task<ConsentSnapshot> ConsentingAtAsync(ulong block, Purpose purposes, CancellationToken cancellationToken)
    {
        if (purposes == Purpose.None || !Purposes.AreDefined(purposes))
            throw new ArgumentException($"ask for one or more defined purposes, not {purposes}", nameof(purposes));
        var cursor = await index.GetCursorAsync(cancellationToken);
        if (cursor is null || cursor.Block.Number < block)
            throw new ChainNotIndexedException($"the indexer has read up to block {cursor?.Block.Number.ToString() ?? "none"}, not block {block} yet");
        var header = await rpc.GetBlockByNumberAsync(block, cancellationToken)
            ?? throw new ChainNotIndexedException($"the chain has no block {block}");
        var patients = await consents.ConsentingAtAsync(block, header.Timestamp, purposes, cancellationToken);
        return new ConsentSnapshot(block, header.Hash, DateTimeOffset.FromUnixTimeSeconds((long)header.Timestamp), purposes, patients);
    }
}
