using System.Text.Json.Nodes;

namespace EmrMarket.Ledger.Rpc;

/// <summary>One call of a JSON-RPC batch (JSON-RPC 2.0 §6).</summary>
/// <param name="Method">The method name.</param>
/// <param name="Parameters">Its positional parameters.</param>
public sealed record JsonRpcRequest(string Method, JsonArray Parameters);
