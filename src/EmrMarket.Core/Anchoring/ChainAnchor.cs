using EmrMarket.Core.Chain.Indexing.Events;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Anchoring;

/// <summary>RecordAnchor.BatchAnchored as indexed.</summary>
public sealed record ChainAnchor(Hash32 Root, EthAddress Provider, uint RecordCount, ulong AnchoredAt, LogPosition At);
