using System.Numerics;
using System.Text.Json.Nodes;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Tests.Oracles;

namespace EmrMarket.Ledger.Tests.Differential;

/// <summary>EIP-712 hashing and signing against ethers' TypedDataEncoder on seeded random typed data.</summary>
public class TypedDataDifferentialTests
{
    private const int Cases = 150;

    [Fact]
    public async Task Digest_RandomTypedData_EqualsEthers()
    {
        var random = new RandomAbi(712);
        var cases = Enumerable.Range(0, Cases).Select(_ => RandomTypedData(random)).ToArray();
        var answers = await EthersOracle.AskAsync("typedData", new JsonArray(cases.Select(c => (JsonNode)new JsonObject
        {
            ["key"] = Hex.Encode(c.Key.ExportBytes()),
            ["domain"] = JsonNode.Parse(c.Json)!["domain"]!.DeepClone(),
            ["types"] = JsonNode.Parse(c.Json)!["types"]!.DeepClone(),
            ["primaryType"] = JsonNode.Parse(c.Json)!["primaryType"]!.DeepClone(),
            ["message"] = JsonNode.Parse(c.Json)!["message"]!.DeepClone(),
        }).ToArray()));

        for (var i = 0; i < cases.Length; i++)
        {
            var data = TypedData.FromJson(cases[i].Json);
            Assert.Equal(answers[i].GetProperty("encodeType").GetString(), data.Types.EncodeType(data.PrimaryType));
            Assert.Equal(answers[i].GetProperty("domainSeparator").GetString(), data.DomainSeparator().ToString());
            Assert.Equal(answers[i].GetProperty("digest").GetString(), data.Digest().ToString());
            Assert.Equal(answers[i].GetProperty("signature").GetString(), cases[i].Key.SignTypedData(data).ToString());
        }
    }

    [Fact]
    public async Task SignMessage_RandomMessages_EqualsEthers()
    {
        var random = new RandomAbi(191);
        var cases = Enumerable.Range(0, 50).Select(_ => (Key: PrivateKey.FromBytes(Keccak256.Hash(random.Bytes(8)).Span), Message: random.Bytes(random.Random.Next(0, 120)))).ToArray();
        var answers = await EthersOracle.AskAsync("personal", new JsonArray(cases.Select(c => (JsonNode)new JsonObject
        {
            ["key"] = Hex.Encode(c.Key.ExportBytes()),
            ["message"] = Hex.Encode(c.Message),
        }).ToArray()));
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal(answers[i].GetProperty("hash").GetString(), Eip191.Hash(cases[i].Message).ToString());
            Assert.Equal(answers[i].GetProperty("signature").GetString(), cases[i].Key.SignMessage(cases[i].Message).ToString());
        }
    }

    private static (PrivateKey Key, string Json) RandomTypedData(RandomAbi random)
    {
        var types = new JsonObject();
        var structs = new List<string>();
        var count = random.Random.Next(1, 4);
        for (var t = 0; t < count; t++)
        {
            var name = $"S{t}x{random.Text(3).Replace(" ", "")}";
            var fields = new JsonArray();
            var fieldCount = random.Random.Next(1, 5);
            for (var f = 0; f < fieldCount; f++) fields.Add(new JsonObject { ["name"] = $"f{f}", ["type"] = FieldType(random, f == 0 ? structs.LastOrDefault() : null) });
            types[name] = fields;
            structs.Add(name);
        }
        var typeSet = new Eip712Types(types.ToDictionary(p => p.Key, p => (IReadOnlyList<TypedDataField>)p.Value!.AsArray()
            .Select(f => new TypedDataField((string)f!["name"]!, (string)f["type"]!)).ToArray()));
        var primary = structs[^1];
        var domain = new JsonObject();
        if (random.Random.Next(3) > 0) domain["name"] = random.Text(10);
        if (random.Random.Next(3) > 0) domain["version"] = random.Random.Next(1, 9).ToString();
        if (random.Random.Next(3) > 0) domain["chainId"] = random.Random.NextInt64(1, 1L << 40).ToString();
        if (random.Random.Next(3) > 0) domain["verifyingContract"] = new EthAddress(random.Bytes(20)).ToString();
        if (random.Random.Next(4) == 0) domain["salt"] = Hex.Encode(random.Bytes(32));
        var json = new JsonObject
        {
            ["types"] = types,
            ["primaryType"] = primary,
            ["domain"] = domain,
            ["message"] = StructValue(random, typeSet, primary),
        };
        return (PrivateKey.FromBytes(Keccak256.Hash(random.Bytes(8)).Span), json.ToJsonString());
    }

    private static string FieldType(RandomAbi random, string? previousStruct)
    {
        if (previousStruct is not null) return random.Random.Next(2) == 0 ? previousStruct : previousStruct + "[]";
        var atomic = random.Type(depth: 2).CanonicalName;
        return random.Random.Next(5) switch
        {
            0 => atomic + "[]",
            1 => atomic + $"[{random.Random.Next(1, 3)}]",
            _ => atomic,
        };
    }

    private static JsonNode StructValue(RandomAbi random, Eip712Types types, string type)
    {
        var value = new JsonObject();
        foreach (var field in types.Types[type]) value[field.Name] = FieldValue(random, types, field.Type);
        return value;
    }

    private static JsonNode? FieldValue(RandomAbi random, Eip712Types types, string type)
    {
        if (type.EndsWith(']'))
        {
            var open = type.LastIndexOf('[');
            var length = type[(open + 1)..^1] is { Length: > 0 } n ? int.Parse(n) : random.Random.Next(0, 3);
            return new JsonArray(Enumerable.Range(0, length).Select(_ => FieldValue(random, types, type[..open])).ToArray());
        }
        if (types.Types.ContainsKey(type)) return StructValue(random, types, type);
        var abiType = AbiType.Parse(type);
        return random.Value(abiType) switch
        {
            BigInteger b => b.ToString(),
            EthAddress a => a.ToLowerHex(),
            bool b => b,
            byte[] bytes => Hex.Encode(bytes),
            string s => s,
            var other => throw new InvalidOperationException($"unexpected {other}"),
        };
    }
}
