namespace EmrMarket.Core.Chain.Indexing;

/// <summary>Where a rebuild started and the block it reached; no block when the running app's indexer rebuilds instead.</summary>
public sealed record ReindexResult(ulong FromBlock, ulong? ToBlock);
