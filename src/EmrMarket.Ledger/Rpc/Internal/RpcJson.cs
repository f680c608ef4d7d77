using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Rpc;

/// <summary>Reads and writes the execution-apis encodings ("quantity", "bytes", hashes, addresses).</summary>
internal static class RpcJson
{
    public static BigInteger Quantity(JsonElement value, string what)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length < 3
            || !BigInteger.TryParse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var result))
            throw new RpcTransportException($"{what}: expected a hex quantity, got {Shorten(value.GetRawText())}");
        return result;
    }

    public static ulong UInt64(JsonElement value, string what)
    {
        var quantity = Quantity(value, what);
        return quantity <= ulong.MaxValue ? (ulong)quantity : throw new RpcTransportException($"{what}: {quantity} exceeds 64 bits");
    }

    public static byte[] Bytes(JsonElement value, string what)
    {
        if (value.ValueKind != JsonValueKind.String) throw new RpcTransportException($"{what}: expected hex bytes, got {Shorten(value.GetRawText())}");
        try
        {
            return Hex.Decode(value.GetString()!);
        }
        catch (LedgerFormatException e)
        {
            throw new RpcTransportException($"{what}: {e.Message}", e);
        }
    }

    public static Hash32 Hash(JsonElement value, string what)
    {
        var bytes = Bytes(value, what);
        return bytes.Length == 32 ? new Hash32(bytes) : throw new RpcTransportException($"{what}: expected 32 bytes, got {bytes.Length}");
    }

    public static EthAddress Address(JsonElement value, string what)
    {
        var bytes = Bytes(value, what);
        return bytes.Length == 20 ? new EthAddress(bytes) : throw new RpcTransportException($"{what}: expected an address, got {bytes.Length} bytes");
    }

    public static EthAddress? OptionalAddress(JsonElement parent, string name, string what) =>
        parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Address(v, what) : null;

    public static JsonElement Member(JsonElement parent, string name, string what) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) ? v
            : throw new RpcTransportException($"{what}: the node's answer lacks '{name}'");

    public static string ToQuantity(BigInteger value) => "0x" + (value.IsZero ? "0" : value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));

    public static JsonObject CallObject(CallRequest request)
    {
        var call = new JsonObject { ["data"] = Hex.Encode(request.Data) };
        if (request.To is { } to) call["to"] = to.ToLowerHex();
        if (request.From is { } from) call["from"] = from.ToLowerHex();
        if (request.Value is { } value) call["value"] = ToQuantity(value);
        if (request.Gas is { } gas) call["gas"] = ToQuantity(gas);
        return call;
    }

    public static EventLog Log(JsonElement log)
    {
        const string what = "log";
        var topics = Member(log, "topics", what).EnumerateArray().Select(t => Hash(t, "log topic")).ToArray();
        return new EventLog(
            Address(Member(log, "address", what), "log address"),
            topics,
            Bytes(Member(log, "data", what), "log data"),
            log.TryGetProperty("blockNumber", out var bn) && bn.ValueKind == JsonValueKind.String ? UInt64(bn, "log blockNumber") : null,
            log.TryGetProperty("blockHash", out var bh) && bh.ValueKind == JsonValueKind.String ? Hash(bh, "log blockHash") : null,
            log.TryGetProperty("transactionHash", out var th) && th.ValueKind == JsonValueKind.String ? Hash(th, "log transactionHash") : null,
            log.TryGetProperty("transactionIndex", out var ti) && ti.ValueKind == JsonValueKind.String ? UInt64(ti, "log transactionIndex") : null,
            log.TryGetProperty("logIndex", out var li) && li.ValueKind == JsonValueKind.String ? UInt64(li, "log logIndex") : null,
            log.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.True);
    }

    public static TransactionReceipt Receipt(JsonElement r)
    {
        const string what = "receipt";
        return new TransactionReceipt(
            Hash(Member(r, "transactionHash", what), "receipt transactionHash"),
            UInt64(Member(r, "blockNumber", what), "receipt blockNumber"),
            Hash(Member(r, "blockHash", what), "receipt blockHash"),
            Address(Member(r, "from", what), "receipt from"),
            OptionalAddress(r, "to", what),
            OptionalAddress(r, "contractAddress", what),
            Quantity(Member(r, "status", what), "receipt status") == 1,
            UInt64(Member(r, "gasUsed", what), "receipt gasUsed"),
            r.TryGetProperty("effectiveGasPrice", out var p) ? Quantity(p, "receipt effectiveGasPrice") : BigInteger.Zero,
            Member(r, "logs", what).EnumerateArray().Select(Log).ToArray());
    }

    public static Block Block(JsonElement b)
    {
        const string what = "block";
        return new Block(
            UInt64(Member(b, "number", what), "block number"),
            Hash(Member(b, "hash", what), "block hash"),
            Hash(Member(b, "parentHash", what), "block parentHash"),
            UInt64(Member(b, "timestamp", what), "block timestamp"),
            UInt64(Member(b, "gasLimit", what), "block gasLimit"),
            UInt64(Member(b, "gasUsed", what), "block gasUsed"),
            b.TryGetProperty("baseFeePerGas", out var fee) ? Quantity(fee, "block baseFeePerGas") : null,
            Member(b, "transactions", what).EnumerateArray()
                .Select(t => Hash(t.ValueKind == JsonValueKind.Object ? Member(t, "hash", what) : t, "block transaction")).ToArray());
    }

    /// <summary>The revert data inside a node's error, in the shapes geth, anvil, Besu and others use.</summary>
    public static byte[]? RevertData(JsonRpcException error)
    {
        var isRevert = error.Code == 3 || error.NodeMessage.Contains("revert", StringComparison.OrdinalIgnoreCase);
        if (!isRevert) return null;
        if (error.ErrorData is null) return [];
        try
        {
            using var document = JsonDocument.Parse(error.ErrorData);
            var data = document.RootElement;
            if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("data", out var inner)) data = inner;
            return data.ValueKind == JsonValueKind.String && data.GetString()!.StartsWith("0x", StringComparison.Ordinal)
                ? Hex.Decode(data.GetString()!) : [];
        }
        catch (Exception e) when (e is JsonException or LedgerFormatException)
        {
            return [];
        }
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
