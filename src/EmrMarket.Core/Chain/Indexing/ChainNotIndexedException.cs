namespace EmrMarket.Core.Chain.Indexing;

/// <summary>The read models do not reach the block asked about yet.</summary>
public sealed class ChainNotIndexedException(string message) : Exception(message);
