namespace EmrMarket.Core.Chain.Indexing;

/// <summary>The last block the indexer has read completely, for the deployment it follows.</summary>
public sealed record IndexCursor(string DeploymentKey, IndexedBlock Block);
