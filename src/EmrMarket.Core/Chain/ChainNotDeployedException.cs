namespace EmrMarket.Core.Chain;

/// <summary>The contracts are not deployed (or the deployment file cannot be read); the message says which.</summary>
public sealed class ChainNotDeployedException(string message, Exception? inner = null) : Exception(message, inner);
