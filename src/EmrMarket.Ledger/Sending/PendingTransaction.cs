using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Transactions;

namespace EmrMarket.Ledger.Sending;

/// <summary>A transaction the node accepted and that is not yet known to be mined.</summary>
/// <param name="Signed">The signed transaction (kept so it can be re-broadcast byte for byte).</param>
/// <param name="Request">What was asked for.</param>
public sealed record PendingTransaction(SignedTransaction Signed, TransactionRequest Request)
{
    /// <summary>The transaction hash.</summary>
    public Hash32 Hash => Signed.Hash;

    /// <summary>The nonce it uses.</summary>
    public ulong Nonce => Signed.Transaction.Nonce;
}
