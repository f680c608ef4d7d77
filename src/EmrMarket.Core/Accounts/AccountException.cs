namespace EmrMarket.Core.Accounts;

/// <summary>A request about an account that cannot be honoured; the message is safe to show.</summary>
public sealed class AccountException(string message) : Exception(message);
