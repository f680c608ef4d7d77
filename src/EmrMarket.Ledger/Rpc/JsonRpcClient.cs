using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmrMarket.Ledger.Rpc;

/// <summary>
/// A JSON-RPC 2.0 client over HTTP, the transport every Ethereum node exposes. Supports batches
/// (JSON-RPC 2.0 §6) and retries transient failures with exponential back-off, except for methods
/// that must never be repeated blindly (<see cref="JsonRpcClientOptions.NonRetriedMethods"/>).
/// </summary>
public sealed class JsonRpcClient(HttpClient http, Uri endpoint, JsonRpcClientOptions? options = null)
{
    private readonly JsonRpcClientOptions _options = options ?? new JsonRpcClientOptions();
    private long _nextId;

    /// <summary>The node's URL.</summary>
    public Uri Endpoint { get; } = endpoint;

    /// <summary>Calls <paramref name="method"/> and returns its <c>result</c> member.</summary>
    /// <exception cref="JsonRpcException">The node returned an error object.</exception>
    /// <exception cref="RpcTransportException">The node was unreachable, timed out or answered garbage.</exception>
    public async Task<JsonElement> CallAsync(string method, JsonArray parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var body = Serialize(writer => WriteRequest(writer, id, method, parameters));
        var answer = await PostAsync(body, method, !_options.NonRetriedMethods.Contains(method), cancellationToken).ConfigureAwait(false);
        if (answer.ValueKind != JsonValueKind.Object)
            throw new RpcTransportException($"{method}: {Endpoint} answered a single call with something other than a JSON object");
        return Parse(answer, method).GetResultOrThrow();
    }

    /// <summary>
    /// Sends many calls in one HTTP request and returns their answers in request order; a failed
    /// call does not fail the others.
    /// </summary>
    /// <exception cref="RpcTransportException">The node was unreachable or answered garbage.</exception>
    public async Task<IReadOnlyList<JsonRpcResponse>> BatchAsync(IReadOnlyList<JsonRpcRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Count == 0) return [];
        var firstId = Interlocked.Add(ref _nextId, requests.Count) - requests.Count + 1;
        var body = Serialize(writer =>
        {
            writer.WriteStartArray();
            for (var i = 0; i < requests.Count; i++) WriteRequest(writer, firstId + i, requests[i].Method, requests[i].Parameters);
            writer.WriteEndArray();
        });
        var retry = requests.All(r => !_options.NonRetriedMethods.Contains(r.Method));
        var what = $"batch of {requests.Count} ({requests[0].Method}…)";
        var answer = await PostAsync(body, what, retry, cancellationToken).ConfigureAwait(false);
        if (answer.ValueKind != JsonValueKind.Array)
        {
            if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("error", out _)) Parse(answer, what).GetResultOrThrow();
            throw new RpcTransportException($"{what}: {Endpoint} did not answer the batch with an array");
        }
        var responses = new JsonRpcResponse?[requests.Count];
        foreach (var item in answer.EnumerateArray())
        {
            if (!item.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var id)
                || id < firstId || id >= firstId + requests.Count)
                throw new RpcTransportException($"{what}: the node answered with an unknown id");
            var index = (int)(id - firstId);
            responses[index] = Parse(item, requests[index].Method);
        }
        if (responses.Any(r => r is null)) throw new RpcTransportException($"{what}: the node left calls of the batch unanswered");
        return responses!;
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRequest(Utf8JsonWriter writer, long id, string method, JsonArray parameters)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteNumber("id", id);
        writer.WriteString("method", method);
        writer.WritePropertyName("params");
        parameters.WriteTo(writer);
        writer.WriteEndObject();
    }

    private async Task<JsonElement> PostAsync(byte[] body, string what, bool retry, CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await PostOnceAsync(body, what, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcTransportException e) when (retry && e.IsTransient && attempt < _options.MaxRetries)
            {
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                backoff *= 2;
            }
        }
    }

    private async Task<JsonElement> PostOnceAsync(byte[] body, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            response = await http.PostAsync(Endpoint, content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RpcTransportException($"{what}: the node at {Endpoint} is unreachable ({e.Message})", e, transient: true);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RpcTransportException($"{what}: the node at {Endpoint} did not answer in time", e, transient: true);
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var transient = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
            if (transient) throw new RpcTransportException($"{what}: the node at {Endpoint} answered HTTP {status}", transient: true);
            try
            {
                using var document = JsonDocument.Parse(bytes);
                return document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                var start = Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 80)));
                throw new RpcTransportException(
                    $"{what}: the node at {Endpoint} answered HTTP {status} with something that is not JSON-RPC: '{start}'", e);
            }
        }
    }

    private static JsonRpcResponse Parse(JsonElement body, string method)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new RpcTransportException($"{method}: the node's answer is not a JSON-RPC object");
        if (body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
            var data = error.TryGetProperty("data", out var d) ? d.GetRawText() : null;
            return new JsonRpcResponse(default, new JsonRpcException(method, code, message, data));
        }
        if (!body.TryGetProperty("result", out var result))
            throw new RpcTransportException($"{method}: the node's answer has neither result nor error");
        return new JsonRpcResponse(result, null);
    }
}
