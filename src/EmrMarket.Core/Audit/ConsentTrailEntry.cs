using EmrMarket.Core.Chain.Indexing.Events;
using EmrMarket.Core.Consent;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Audit;

/// <summary>One on-chain consent change (ConsentChanged), with the state it replaced.</summary>
/// <param name="Expiry">Unix time from which it no longer holds; 0 = never.</param>
/// <param name="Version">The patient's change counter (1 for the first).</param>
/// <param name="Submitter">The patient, or the relayer of a signed consent.</param>
/// <param name="SupersededAt">When the patient's next change replaced it (null: still their latest, as far as the query looked).</param>
public sealed record ConsentTrailEntry(
    EthAddress Patient,
    Purpose Purposes,
    Purpose PreviousPurposes,
    ulong Expiry,
    ulong PreviousExpiry,
    ulong Version,
    EthAddress Submitter,
    LogPosition At,
    DateTimeOffset? SupersededAt)
{
    public Purpose Granted => Purposes & ~PreviousPurposes;

    public Purpose Revoked => PreviousPurposes & ~Purposes;

    /// <summary>ConsentRegistry.hasConsent at a block with this timestamp.</summary>
    public bool Covers(Purpose purposes, ulong blockTimestamp) =>
        purposes != Purpose.None && (Purposes & purposes) == purposes && (Expiry == 0 || Expiry > blockTimestamp);
}
