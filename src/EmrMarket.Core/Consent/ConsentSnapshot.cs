using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Consent;

/// <summary>Who consented to <see cref="Purposes"/> at one block: what a dataset build records and includes.</summary>
public sealed record ConsentSnapshot(ulong Block, Hash32 BlockHash, DateTimeOffset BlockTime, Purpose Purposes, IReadOnlyList<ConsentState> Patients);
