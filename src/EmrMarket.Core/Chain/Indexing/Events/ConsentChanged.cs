using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Indexing.Events;

/// <summary>ConsentRegistry.ConsentChanged: a patient's full consent after a change.</summary>
public sealed record ConsentChanged(LogPosition At, EthAddress Patient, EthAddress Submitter, ulong Purposes, ulong Expiry, ulong Version, ulong UpdatedAt);
