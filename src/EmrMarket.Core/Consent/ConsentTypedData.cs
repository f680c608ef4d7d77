using System.Globalization;
using System.Text.Json.Nodes;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Consent;

/// <summary>
/// EIP-712 for ConsentRegistry: domain ("EmrMarket ConsentRegistry", "1", chain id, registry) and
/// <c>Consent(address patient,uint64 purposes,uint64 expiry,uint64 nonce,uint256 deadline)</c>.
/// </summary>
public static class ConsentTypedData
{
    public const string PrimaryType = "Consent";

    public static Eip712Types Types { get; } = new(new Dictionary<string, IReadOnlyList<TypedDataField>>
    {
        [PrimaryType] = [new("patient", "address"), new("purposes", "uint64"), new("expiry", "uint64"), new("nonce", "uint64"), new("deadline", "uint256")],
    });

    public static Eip712Domain Domain(ulong chainId, EthAddress registry) => new("EmrMarket ConsentRegistry", "1", chainId, registry);

    /// <summary>The digest the patient signs (what ConsentRegistry.hashConsent returns).</summary>
    public static Hash32 Digest(Hash32 domainSeparator, ConsentMessage message) =>
        TypedData.Digest(domainSeparator, Types.HashStruct(PrimaryType, Values(message)));

    /// <summary>The message as eth_signTypedData_v4 takes it (numbers as decimal strings).</summary>
    public static string ToJson(Eip712Domain domain, ConsentMessage message)
    {
        static JsonArray Fields(IEnumerable<TypedDataField> fields) =>
            new(fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type }).ToArray());
        var json = new JsonObject
        {
            ["types"] = new JsonObject { ["EIP712Domain"] = Fields(domain.Fields()), [PrimaryType] = Fields(Types.Types[PrimaryType]) },
            ["primaryType"] = PrimaryType,
            ["domain"] = new JsonObject
            {
                ["name"] = domain.Name,
                ["version"] = domain.Version,
                ["chainId"] = domain.ChainId!.Value.ToString(CultureInfo.InvariantCulture),
                ["verifyingContract"] = domain.VerifyingContract!.Value.ToString(),
            },
            ["message"] = new JsonObject
            {
                ["patient"] = message.Patient.ToString(),
                ["purposes"] = ((ulong)message.Purposes).ToString(CultureInfo.InvariantCulture),
                ["expiry"] = message.Expiry.ToString(CultureInfo.InvariantCulture),
                ["nonce"] = message.Nonce.ToString(CultureInfo.InvariantCulture),
                ["deadline"] = message.Deadline.ToString(CultureInfo.InvariantCulture),
            },
        };
        return json.ToJsonString();
    }

    private static Dictionary<string, object?> Values(ConsentMessage message) => new()
    {
        ["patient"] = message.Patient,
        ["purposes"] = (ulong)message.Purposes,
        ["expiry"] = message.Expiry,
        ["nonce"] = message.Nonce,
        ["deadline"] = message.Deadline,
    };
}
