using System.Text.Json.Nodes;
using EmrMarket.Core.Chain;
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
    public static string ToJson(Eip712Domain domain, ConsentMessage message) => TypedDataJson.Build(domain, Types, PrimaryType, new JsonObject
    {
        ["patient"] = message.Patient.ToString(),
        ["purposes"] = TypedDataJson.Number((ulong)message.Purposes),
        ["expiry"] = TypedDataJson.Number(message.Expiry),
        ["nonce"] = TypedDataJson.Number(message.Nonce),
        ["deadline"] = TypedDataJson.Number(message.Deadline),
    });

    private static Dictionary<string, object?> Values(ConsentMessage message) => new()
    {
        ["patient"] = message.Patient,
        ["purposes"] = (ulong)message.Purposes,
        ["expiry"] = message.Expiry,
        ["nonce"] = message.Nonce,
        ["deadline"] = message.Deadline,
    };
}
