namespace EmrMarket.Core.Chain.Outbox;

/// <summary>A write that cannot be queued (a reused idempotency key, a signer without a key); the message names why.</summary>
public sealed class OutboxException(string message) : Exception(message);
