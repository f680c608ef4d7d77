namespace EmrMarket.Data.Encryption;

/// <summary>A data key or ciphertext that cannot be opened: its master key is not configured, or it was altered.</summary>
public sealed class KeyUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
