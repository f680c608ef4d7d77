using System.Text.Json.Nodes;
using EmrMarket.Core.Chain;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Agreements;

/// <summary>EIP-2612 permits in the token's own EIP-712 domain (TestDollar: "EmrMarket Test Dollar", "1", chain id, token).</summary>
public static class PermitTypedData
{
    public const string PrimaryType = "Permit";

    public static Eip712Types Types { get; } = new(new Dictionary<string, IReadOnlyList<TypedDataField>>
    {
        [PrimaryType] = [new("owner", "address"), new("spender", "address"), new("value", "uint256"), new("nonce", "uint256"), new("deadline", "uint256")],
    });

    public static Hash32 Digest(Eip712Domain domain, PermitMessage message) =>
        TypedData.Digest(domain.Separator(), Types.HashStruct(PrimaryType, new Dictionary<string, object?>
        {
            ["owner"] = message.Owner,
            ["spender"] = message.Spender,
            ["value"] = message.Value,
            ["nonce"] = message.Nonce,
            ["deadline"] = message.Deadline,
        }));

    public static string ToJson(Eip712Domain domain, PermitMessage message) => TypedDataJson.Build(domain, Types, PrimaryType, new JsonObject
    {
        ["owner"] = message.Owner.ToString(),
        ["spender"] = message.Spender.ToString(),
        ["value"] = TypedDataJson.Number(message.Value),
        ["nonce"] = TypedDataJson.Number(message.Nonce),
        ["deadline"] = TypedDataJson.Number(message.Deadline),
    });
}
