using System.Numerics;
using System.Text;
using System.Text.Json;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Tests.Primitives;

/// <summary>ethereum/tests RLPTests: rlptest.json (valid) and invalidRLPTest.json.</summary>
public class RlpTests
{
    private static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file))).RootElement;

    public static TheoryData<string> ValidNames() => [.. Load("rlptest.json").EnumerateObject().Select(p => p.Name)];

    public static TheoryData<string> InvalidNames() => [.. Load("invalidRLPTest.json").EnumerateObject().Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Encode_PublishedVector_MatchesOut(string name)
    {
        var vector = Load("rlptest.json").GetProperty(name);
        Assert.Equal(vector.GetProperty("out").GetString(), Hex.Encode(Encode(vector.GetProperty("in"))));
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Decode_PublishedVector_ReencodesToSameBytes(string name)
    {
        var bytes = Hex.Decode(Load("rlptest.json").GetProperty(name).GetProperty("out").GetString()!);
        Assert.Equal(bytes, Reencode(Rlp.Decode(bytes)));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Decode_InvalidVector_ThrowsRlpException(string name)
    {
        var bytes = Hex.Decode(Load("invalidRLPTest.json").GetProperty(name).GetProperty("out").GetString()!);
        Assert.Throws<RlpException>(() => Rlp.Decode(bytes));
    }

    [Fact]
    public void ToBigInteger_LeadingZero_Throws()
    {
        Assert.Throws<RlpException>(() => Rlp.Decode(Hex.Decode("0x820001")).ToBigInteger());
    }

    private static byte[] Encode(JsonElement input) => input.ValueKind switch
    {
        JsonValueKind.Array => Rlp.EncodeList(input.EnumerateArray().Select(Encode).ToArray()),
        JsonValueKind.Number => Rlp.EncodeInteger(input.GetUInt64()),
        _ when input.GetString()!.StartsWith('#') => Rlp.EncodeInteger(BigInteger.Parse(input.GetString()![1..])),
        _ => Rlp.EncodeBytes(Encoding.UTF8.GetBytes(input.GetString()!)),
    };

    private static byte[] Reencode(RlpItem item) =>
        item.IsList ? Rlp.EncodeList(item.Items.Select(Reencode).ToArray()) : Rlp.EncodeBytes(item.Bytes.Span);
}
