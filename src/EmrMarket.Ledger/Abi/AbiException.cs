using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Abi;

/// <summary>
/// A type, value or encoding the Solidity ABI (Contract ABI Specification) does not allow: an
/// unknown type, a value that does not fit its type, a missing function or event, or data too
/// short or malformed to decode.
/// </summary>
public sealed class AbiException(string message, Exception? inner = null) : LedgerFormatException(message, inner);
