using System.Text.Json;

namespace EmrMarket.Ledger.Rpc;

/// <summary>The answer to one call of a batch: a result, or the node's error.</summary>
/// <param name="Result">The <c>result</c> member when the call succeeded.</param>
/// <param name="Error">The node's error when it failed.</param>
public sealed record JsonRpcResponse(JsonElement Result, JsonRpcException? Error)
{
    /// <summary>The result, or throws the node's error.</summary>
    /// <exception cref="JsonRpcException">The call failed.</exception>
    public JsonElement GetResultOrThrow() => Error is null ? Result : throw Error;
}
