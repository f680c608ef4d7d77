using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Tests.Crypto;

/// <summary>The "Mail" example of EIP-712 and its published hashes and signature.</summary>
public class Eip712Tests
{
    private const string MailJson = """
        {
          "types": {
            "EIP712Domain": [
              { "name": "name", "type": "string" }, { "name": "version", "type": "string" },
              { "name": "chainId", "type": "uint256" }, { "name": "verifyingContract", "type": "address" }
            ],
            "Person": [ { "name": "name", "type": "string" }, { "name": "wallet", "type": "address" } ],
            "Mail": [ { "name": "from", "type": "Person" }, { "name": "to", "type": "Person" }, { "name": "contents", "type": "string" } ]
          },
          "primaryType": "Mail",
          "domain": { "name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
          "message": {
            "from": { "name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
            "to": { "name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            "contents": "Hello, Bob!"
          }
        }
        """;

    [Fact]
    public void FromJson_MailExample_MatchesPublishedHashes()
    {
        var data = TypedData.FromJson(MailJson);
        Assert.Equal("Mail(Person from,Person to,string contents)Person(string name,address wallet)", data.Types.EncodeType("Mail"));
        Assert.Equal("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2", data.Types.TypeHash("Mail").ToString());
        Assert.Equal("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", data.DomainSeparator().ToString());
        Assert.Equal("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e", data.StructHash().ToString());
        Assert.Equal("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", data.Digest().ToString());
    }

    [Fact]
    public void SignTypedData_MailExample_MatchesPublishedSignature()
    {
        var cow = PrivateKey.FromBytes(Keccak256.Hash("cow").Span);
        var signature = cow.SignTypedData(TypedData.FromJson(MailJson));
        Assert.Equal(27 + 1, signature.ToBytes()[64]);
        Assert.Equal("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d", Hex.Encode(signature.ToBytes().AsSpan(0, 32)));
        Assert.Equal("0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562", Hex.Encode(signature.ToBytes().AsSpan(32, 32)));
    }

    [Fact]
    public void HashStruct_FromCode_EqualsFromJson()
    {
        var types = new Eip712Types(new Dictionary<string, IReadOnlyList<TypedDataField>>
        {
            ["Person"] = [new("name", "string"), new("wallet", "address")],
            ["Mail"] = [new("from", "Person"), new("to", "Person"), new("contents", "string")],
        });
        var mail = new Dictionary<string, object?>
        {
            ["from"] = new Dictionary<string, object?> { ["name"] = "Cow", ["wallet"] = EthAddress.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826") },
            ["to"] = new Dictionary<string, object?> { ["name"] = "Bob", ["wallet"] = "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            ["contents"] = "Hello, Bob!",
        };
        var domain = new Eip712Domain("Ether Mail", "1", 1, EthAddress.Parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"));
        Assert.Equal(TypedData.FromJson(MailJson).Digest(), new TypedData(domain, types, "Mail", mail).Digest());
    }

    [Fact]
    public void HashStruct_MissingMember_ThrowsAbiException()
    {
        var types = new Eip712Types(new Dictionary<string, IReadOnlyList<TypedDataField>> { ["Person"] = [new("name", "string"), new("wallet", "address")] });
        var error = Assert.Throws<AbiException>(() => types.HashStruct("Person", new Dictionary<string, object?> { ["name"] = "x" }));
        Assert.Contains("wallet", error.Message);
    }

    [Fact]
    public void Constructor_UnknownFieldType_ThrowsAbiException()
    {
        Assert.Throws<AbiException>(() => new Eip712Types(new Dictionary<string, IReadOnlyList<TypedDataField>> { ["A"] = [new("b", "Missing")] }));
    }
}
