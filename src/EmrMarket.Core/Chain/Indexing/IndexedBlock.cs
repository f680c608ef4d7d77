using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Indexing;

/// <summary>A block the indexer read: what reorganisations are detected against.</summary>
public sealed record IndexedBlock(ulong Number, Hash32 Hash, DateTimeOffset Time);
