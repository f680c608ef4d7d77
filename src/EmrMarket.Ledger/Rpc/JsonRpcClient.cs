using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmrMarket.Ledger.Rpc;

/// <summary>
/// A JSON-RPC 2.0 client over HTTP, the transport every Ethereum node exposes.
/// </summary>
public sealed class JsonRpcClient(HttpClient http, Uri endpoint)
{
    private long _nextId;

    /// <summary>The node's URL.</summary>
    public Uri Endpoint { get; } = endpoint;

    /// <summary>Calls <paramref name="method"/> and returns its <c>result</c> member.</summary>
    /// <exception cref="JsonRpcException">The node returned an error object.</exception>
    /// <exception cref="RpcTransportException">The node was unreachable or answered garbage.</exception>
    public async Task<JsonElement> CallAsync(string method, JsonArray parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["method"] = method,
            ["params"] = parameters,
        };
        var body = await PostAsync(request, method, cancellationToken).ConfigureAwait(false);
        if (body.ValueKind != JsonValueKind.Object)
            throw new RpcTransportException($"{method}: {Endpoint} answered a JSON-RPC batch to a single call");
        return ResultOf(body, method);
    }

    private async Task<JsonElement> PostAsync(JsonNode request, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(Endpoint, request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RpcTransportException($"{what}: the node at {Endpoint} is unreachable ({e.Message})", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RpcTransportException($"{what}: the node at {Endpoint} did not answer in time", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                var status = (int)response.StatusCode;
                throw new RpcTransportException(
                    $"{what}: the node at {Endpoint} answered HTTP {status} with something that is not JSON-RPC", e);
            }
        }
    }

    private static JsonElement ResultOf(JsonElement body, string method)
    {
        if (body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
            var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
            var data = error.TryGetProperty("data", out var d) ? d.GetRawText() : null;
            throw new JsonRpcException(method, code, message, data);
        }
        if (!body.TryGetProperty("result", out var result))
            throw new RpcTransportException($"{method}: the node's answer has neither result nor error");
        return result;
    }
}
