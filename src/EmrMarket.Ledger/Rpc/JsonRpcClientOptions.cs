namespace EmrMarket.Ledger.Rpc;

/// <summary>Retry behaviour of <see cref="JsonRpcClient"/>.</summary>
public sealed record JsonRpcClientOptions
{
    /// <summary>Extra attempts after a transient failure (unreachable node, timeout, HTTP 429/502/503/504).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first back-off; each retry doubles it.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Methods never retried by the transport, because a retry could act twice. A raw transaction
    /// is re-sent only by <see cref="Sending.TransactionSender"/>, which first checks whether the node has it.
    /// </summary>
    public IReadOnlySet<string> NonRetriedMethods { get; init; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "eth_sendRawTransaction", "eth_sendTransaction",
    };
}
