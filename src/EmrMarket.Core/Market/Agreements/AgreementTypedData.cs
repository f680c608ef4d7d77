using System.Text.Json.Nodes;
using EmrMarket.Core.Chain;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Agreements;

/// <summary>
/// EIP-712 for the data use agreement: domain ("EmrMarket DataMarketplace", "1", chain id, marketplace). Its digest
/// is what DataMarketplace.hashAgreement returns and what purchase records as agreementHash.
/// </summary>
public static class AgreementTypedData
{
    public const string PrimaryType = "DataUseAgreement";

    public static Eip712Types Types { get; } = new(new Dictionary<string, IReadOnlyList<TypedDataField>>
    {
        [PrimaryType] =
        [
            new("offerId", "uint256"), new("buyer", "address"), new("manifestHash", "bytes32"), new("purpose", "uint64"),
            new("token", "address"), new("price", "uint256"), new("termsHash", "bytes32"), new("signedAt", "uint64"),
        ],
    });

    public static Eip712Domain Domain(ulong chainId, EthAddress marketplace) => new("EmrMarket DataMarketplace", "1", chainId, marketplace);

    public static Hash32 Digest(Eip712Domain domain, AgreementMessage message) =>
        TypedData.Digest(domain.Separator(), Types.HashStruct(PrimaryType, new Dictionary<string, object?>
        {
            ["offerId"] = message.OfferId,
            ["buyer"] = message.Buyer,
            ["manifestHash"] = message.ManifestHash,
            ["purpose"] = message.Purpose,
            ["token"] = message.Token,
            ["price"] = message.Price,
            ["termsHash"] = message.TermsHash,
            ["signedAt"] = message.SignedAt,
        }));

    /// <summary>The agreement as eth_signTypedData_v4 JSON, for an external wallet.</summary>
    public static string ToJson(Eip712Domain domain, AgreementMessage message) => TypedDataJson.Build(domain, Types, PrimaryType, new JsonObject
    {
        ["offerId"] = TypedDataJson.Number(message.OfferId),
        ["buyer"] = message.Buyer.ToString(),
        ["manifestHash"] = message.ManifestHash.ToString(),
        ["purpose"] = TypedDataJson.Number(message.Purpose),
        ["token"] = message.Token.ToString(),
        ["price"] = TypedDataJson.Number(message.Price),
        ["termsHash"] = message.TermsHash.ToString(),
        ["signedAt"] = TypedDataJson.Number(message.SignedAt),
    });
}
