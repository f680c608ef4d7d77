namespace EmrMarket.Core.Audit;

/// <summary>An audit question that cannot be answered as asked; the message is safe to show.</summary>
public sealed class AuditException(string message) : Exception(message);
