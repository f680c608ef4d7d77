using System.Text;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Tests.Primitives;

public class HashingTests
{
    public static TheoryData<string, string> KeccakVectors() => new()
    {
        { "", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470" },
        { "abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45" },
        { "Transfer(address,address,uint256)", "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef" },
        { "Approval(address,address,uint256)", "0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925" },
    };

    [Theory]
    [MemberData(nameof(KeccakVectors))]
    public void Hash_WellKnownInput_MatchesPublishedDigest(string input, string expected)
    {
        Assert.Equal(expected, Keccak256.Hash(Encoding.UTF8.GetBytes(input)).ToString());
    }

    public static TheoryData<string, string> Selectors() => new()
    {
        { "transfer(address,uint256)", "a9059cbb" },
        { "balanceOf(address)", "70a08231" },
        { "approve(address,uint256)", "095ea7b3" },
    };

    [Theory]
    [MemberData(nameof(Selectors))]
    public void Selector_Erc20Function_MatchesKnownSelector(string signature, string selector)
    {
        Assert.Equal(selector, Convert.ToHexStringLower(AbiFunction.Parse(signature).Selector));
    }

    [Theory]
    [InlineData("0x123")]
    [InlineData("0xzz")]
    [InlineData("12g4")]
    public void Decode_MalformedHex_ThrowsLedgerFormatException(string hex)
    {
        Assert.Throws<LedgerFormatException>(() => Hex.Decode(hex));
    }

    [Fact]
    public void Hash32Parse_WrongLength_Throws()
    {
        var error = Assert.Throws<LedgerFormatException>(() => Hash32.Parse("0x1234"));
        Assert.Contains("32", error.Message);
    }
}
