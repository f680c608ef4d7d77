namespace EmrMarket.Ledger.Primitives;

/// <summary>Bytes that are not a valid, canonical RLP encoding (Yellow Paper appendix B).</summary>
public sealed class RlpException(string message) : LedgerFormatException(message);
