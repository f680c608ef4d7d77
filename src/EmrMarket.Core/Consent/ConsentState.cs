using EmrMarket.Core.Chain.Indexing.Events;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Consent;

/// <summary>A patient's consent on chain after one change (ConsentChanged): an entry of the trail, or the current one.</summary>
/// <param name="Expiry">Unix time from which it no longer holds; 0 = never.</param>
/// <param name="Version">The patient's change counter (1 for the first).</param>
/// <param name="UpdatedAt">Block time of the change (unix seconds).</param>
/// <param name="Submitter">The patient, or the relayer of a signed consent.</param>
/// <param name="At">The block, time, transaction and log of the change.</param>
public sealed record ConsentState(EthAddress Patient, Purpose Purposes, ulong Expiry, ulong Version, ulong UpdatedAt, EthAddress Submitter, LogPosition At)
{
    /// <summary>ConsentRegistry.hasConsent at a block with this timestamp: every asked purpose granted, not expired.</summary>
    public bool Covers(Purpose purposes, ulong blockTimestamp) =>
        purposes != Purpose.None && (Purposes & purposes) == purposes && (Expiry == 0 || Expiry > blockTimestamp);
}
