using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Consent;

/// <summary>The consent read models the indexer keeps (chain_consents, chain_consent_history).</summary>
public interface IConsentReadModel
{
    /// <summary>The patient's latest consent, or null if they never set one.</summary>
    Task<ConsentState?> CurrentAsync(EthAddress patient, CancellationToken cancellationToken);

    /// <summary>Consent changes, newest first.</summary>
    Task<IReadOnlyList<ConsentState>> HistoryAsync(ConsentHistoryQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The patients whose consent at <paramref name="block"/> covers every purpose in <paramref name="purposes"/> by
    /// hasConsent's rule (expiry 0 or after <paramref name="blockTimestamp"/>, that block's time), sorted by address.
    /// Use <see cref="ConsentQueries"/> unless you already have the block's time and know the indexer is past it.
    /// </summary>
    Task<IReadOnlyList<ConsentState>> ConsentingAtAsync(ulong block, ulong blockTimestamp, Purpose purposes, CancellationToken cancellationToken);
}
