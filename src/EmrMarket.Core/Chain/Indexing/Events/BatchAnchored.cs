using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Indexing.Events;

/// <summary>RecordAnchor.BatchAnchored.</summary>
public sealed record BatchAnchored(LogPosition At, Hash32 Root, EthAddress Provider, uint RecordCount, ulong AnchoredAt);
