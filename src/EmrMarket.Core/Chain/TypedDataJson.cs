using System.Globalization;
using System.Text.Json.Nodes;
using EmrMarket.Ledger.Crypto;

namespace EmrMarket.Core.Chain;

/// <summary>EIP-712 typed data as <c>eth_signTypedData_v4</c> takes it (numbers as decimal strings), for wallets to sign.</summary>
public static class TypedDataJson
{
    public static string Build(Eip712Domain domain, Eip712Types types, string primaryType, JsonObject message)
    {
        static JsonArray Fields(IEnumerable<TypedDataField> fields) =>
            new(fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type }).ToArray());
        var json = new JsonObject
        {
            ["types"] = new JsonObject { ["EIP712Domain"] = Fields(domain.Fields()), [primaryType] = Fields(types.Types[primaryType]) },
            ["primaryType"] = primaryType,
            ["domain"] = new JsonObject
            {
                ["name"] = domain.Name,
                ["version"] = domain.Version,
                ["chainId"] = domain.ChainId!.Value.ToString(CultureInfo.InvariantCulture),
                ["verifyingContract"] = domain.VerifyingContract!.Value.ToString(),
            },
            ["message"] = message,
        };
        return json.ToJsonString();
    }

    /// <summary>A number as a decimal string (what wallets expect for uint fields).</summary>
    public static string Number<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}
