namespace EmrMarket.Core.Datasets;

/// <summary>A dataset request that cannot be honoured; the message says why in terms a curator can act on.</summary>
public sealed class DatasetException(string message) : Exception(message);
