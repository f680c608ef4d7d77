namespace EmrMarket.Ledger.KeyStore;

/// <summary>A sealed key cannot be opened: tampered with, sealed for another address, or under another master key.</summary>
public sealed class KeyVaultException(string message, Exception? inner = null) : Exception(message, inner);
