namespace EmrMarket.Ledger.Rpc;

/// <summary>
/// The node could not be reached, timed out, or answered with something that is not JSON-RPC.
/// </summary>
/// <param name="message">What went wrong, naming the node.</param>
/// <param name="inner">The underlying failure.</param>
/// <param name="transient">Whether retrying may help (unreachable, timeout, overloaded).</param>
public sealed class RpcTransportException(string message, Exception? inner = null, bool transient = false) : Exception(message, inner)
{
    /// <summary>Whether retrying may help.</summary>
    public bool IsTransient { get; } = transient;
}
