using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Transactions;

/// <summary>A raw transaction that cannot be decoded, has an unsupported type, or is for another chain.</summary>
public sealed class TransactionException(string message, Exception? inner = null) : LedgerFormatException(message, inner);
