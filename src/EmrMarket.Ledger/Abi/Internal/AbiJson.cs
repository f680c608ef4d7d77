using System.Text.Json;

namespace EmrMarket.Ledger.Abi;

/// <summary>Reads parameter lists of the JSON ABI format (Contract ABI Specification, "JSON").</summary>
internal static class AbiJson
{
    public static AbiParameter[] Parameters(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array) return [];
        return list.EnumerateArray().Select(p => new AbiParameter(
            p.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "",
            AbiType.FromJson(p),
            p.TryGetProperty("indexed", out var indexed) && indexed.ValueKind == JsonValueKind.True)).ToArray();
    }
}
