using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Sending;

/// <summary>
/// A transaction vanished from the node and its nonce was used by another transaction (replaced),
/// or no receipt came in time. Nothing was re-sent with a new nonce.
/// </summary>
/// <param name="hash">The transaction.</param>
/// <param name="message">What happened.</param>
public sealed class TransactionDroppedException(Hash32 hash, string message) : Exception($"transaction {hash}: {message}")
{
    /// <summary>The transaction.</summary>
    public Hash32 Hash { get; } = hash;
}
