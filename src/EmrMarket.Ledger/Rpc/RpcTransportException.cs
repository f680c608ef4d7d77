namespace EmrMarket.Ledger.Rpc;

/// <summary>
/// The node could not be reached, timed out, or answered with something that is not JSON-RPC.
/// </summary>
public sealed class RpcTransportException(string message, Exception? inner = null) : Exception(message, inner);
