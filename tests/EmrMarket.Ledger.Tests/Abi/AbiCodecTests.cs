using System.Numerics;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Tests.Abi;

public class AbiCodecTests
{
    public static TheoryData<string, object?> ValuesThatDoNotFit() => new()
    {
        { "uint8", 256 },
        { "uint256", -1 },
        { "int8", 128 },
        { "int8", -129 },
        { "address", "0x1234" },
        { "address", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD" },
        { "bytes4", new byte[3] },
        { "bool", 1 },
        { "uint256[2]", new object[] { 1 } },
        { "(uint256,bool)", new object[] { 1 } },
        { "bytes", "0xabc" },
        { "uint256", "12a" },
    };

    [Theory]
    [MemberData(nameof(ValuesThatDoNotFit))]
    public void Encode_ValueDoesNotFitType_ThrowsAbiExceptionNamingFunction(string type, object? value)
    {
        var function = new AbiFunction("f", [new AbiParameter("x", AbiType.Parse(type))], []);
        var error = Assert.Throws<AbiException>(() => function.Encode(value));
        Assert.Contains("f(", error.Message);
    }

    [Theory]
    [InlineData("uint7")]
    [InlineData("uint264")]
    [InlineData("bytes33")]
    [InlineData("bytes0")]
    [InlineData("string[0]")]
    [InlineData("(uint256")]
    [InlineData("foo")]
    public void Parse_UnknownType_ThrowsAbiException(string type)
    {
        Assert.Throws<AbiException>(() => AbiType.Parse(type));
    }

    public static TheoryData<string, string> MalformedData() => new()
    {
        { "uint256", "0x01" },
        { "uint8", "0x0000000000000000000000000000000000000000000000000000000000000100" },
        { "bool", "0x0000000000000000000000000000000000000000000000000000000000000002" },
        { "address", "0x0100000000000000000000000000000000000000000000000000000000000000" },
        { "bytes", "0x0000000000000000000000000000000000000000000000000000000000000020ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" },
        { "string", "0x00000000000000000000000000000000000000000000000000000000000000400000000000000000000000000000000000000000000000000000000000000005" },
        { "uint256[]", "0x000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000f4240" },
    };

    [Theory]
    [MemberData(nameof(MalformedData))]
    public void DecodeOutput_MalformedData_ThrowsAbiException(string type, string data)
    {
        var function = new AbiFunction("g", [], [new AbiParameter("", AbiType.Parse(type))]);
        Assert.Throws<AbiException>(() => function.DecodeOutput(Hex.Decode(data)));
    }

    [Fact]
    public void Encode_TupleByComponentName_EqualsPositional()
    {
        var abi = ContractAbi.FromJson("""
            [{"type":"function","name":"claim","inputs":[{"name":"c","type":"tuple","components":[
              {"name":"patient","type":"address"},{"name":"weight","type":"uint256"}]}],"outputs":[]}]
            """);
        var patient = EthAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        Assert.Equal(
            abi.Encode("claim", [new object[] { patient, 7 }]),
            abi.Encode("claim", new Dictionary<string, object?> { ["weight"] = new BigInteger(7), ["patient"] = patient }));
        Assert.Equal("claim((address,uint256))", abi.Function("claim").Signature);
    }

    [Fact]
    public void Function_UnknownOrOverloaded_ThrowsAbiException()
    {
        var abi = ContractAbi.FromJson("""
            [{"type":"function","name":"f","inputs":[{"name":"a","type":"uint256"}],"outputs":[]},
             {"type":"function","name":"f","inputs":[{"name":"a","type":"address"}],"outputs":[]}]
            """);
        Assert.Contains("overloaded", Assert.Throws<AbiException>(() => abi.Function("f")).Message);
        Assert.Throws<AbiException>(() => abi.Function("g"));
        Assert.Equal("f(address)", abi.Function("f(address)").Signature);
    }

    [Fact]
    public void DecodeRevert_CustomErrorAndPanicAndUnknown_DecodedBySelector()
    {
        var abi = ContractAbi.FromJson("""
            [{"type":"error","name":"ConsentExpired","inputs":[{"name":"patient","type":"address"},{"name":"expiry","type":"uint64"}]}]
            """);
        var data = abi.Error("ConsentExpired").Encode(EthAddress.Zero, 1700000000);
        var custom = abi.DecodeRevert(data);
        Assert.Equal(RevertKind.Custom, custom.Kind);
        Assert.Equal($"ConsentExpired({EthAddress.Zero}, 1700000000)", custom.Message);
        var panic = abi.DecodeRevert(Hex.Decode("0x4e487b710000000000000000000000000000000000000000000000000000000000000011"));
        Assert.Equal(RevertKind.Panic, panic.Kind);
        Assert.Contains("overflow", panic.Message);
        Assert.Equal(RevertKind.Unknown, abi.DecodeRevert(Hex.Decode("0xdeadbeef")).Kind);
        Assert.Equal(RevertKind.Empty, abi.DecodeRevert([]).Kind);
    }
}
