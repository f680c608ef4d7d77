using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Crypto;

/// <summary>
/// A signature or key that Ethereum rejects: wrong length, r or s out of range, a high s (EIP-2),
/// a bad recovery id, or a key outside the curve order.
/// </summary>
public sealed class SignatureException(string message) : LedgerFormatException(message);
