namespace EmrMarket.Ledger.Primitives;

/// <summary>
/// Input that should hold an Ethereum value (hex, an address, a key, RLP, ABI data, a signature) is
/// malformed. The message names what was expected and what was found.
/// </summary>
public class LedgerFormatException(string message, Exception? inner = null) : FormatException(message, inner);
