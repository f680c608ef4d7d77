namespace EmrMarket.Core.Wallets;

/// <summary>A wallet request that cannot be honoured; the message is safe to show.</summary>
public sealed class WalletException(string message) : Exception(message);
