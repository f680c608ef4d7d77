namespace EmrMarket.Core.Revocation;

/// <summary>A revocation request that cannot be honoured; the message is safe to show.</summary>
public sealed class RevocationException(string message) : Exception(message);
