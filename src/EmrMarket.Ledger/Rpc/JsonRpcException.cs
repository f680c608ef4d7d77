namespace EmrMarket.Ledger.Rpc;

/// <summary>
/// The node answered a JSON-RPC request with an error object (JSON-RPC 2.0 §5.1).
/// </summary>
/// <param name="method">The RPC method that failed.</param>
/// <param name="code">The node's error code.</param>
/// <param name="nodeMessage">The node's error message, verbatim.</param>
/// <param name="data">The error's <c>data</c> member as raw JSON, when present (for reverts: the revert data).</param>
public sealed class JsonRpcException(string method, int code, string nodeMessage, string? data)
    : Exception($"{method} failed: {nodeMessage} (code {code})")
{
    /// <summary>The RPC method that failed.</summary>
    public string Method { get; } = method;

    /// <summary>The node's error code.</summary>
    public int Code { get; } = code;

    /// <summary>The node's error message, verbatim.</summary>
    public string NodeMessage { get; } = nodeMessage;

    /// <summary>The error's <c>data</c> member as raw JSON, or null.</summary>
    public string? ErrorData { get; } = data;
}
