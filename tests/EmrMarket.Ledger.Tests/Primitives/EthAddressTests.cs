using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Tests.Primitives;

/// <summary>EIP-55's own test cases.</summary>
public class EthAddressTests
{
    public static TheoryData<string> Eip55Examples() =>
    [
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ];

    [Theory]
    [MemberData(nameof(Eip55Examples))]
    public void ToString_Eip55Example_PrintsChecksumForm(string example)
    {
        var address = EthAddress.Parse(example.ToLowerInvariant());
        Assert.Equal(example, address.ToString());
        Assert.Equal(address, EthAddress.Parse(example));
    }

    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")]
    [InlineData("0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    public void Parse_WrongChecksum_Throws(string text)
    {
        var error = Assert.Throws<LedgerFormatException>(() => EthAddress.Parse(text));
        Assert.Contains("checksum", error.Message);
    }

    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA")]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg")]
    public void Parse_Malformed_Throws(string text)
    {
        Assert.Throws<LedgerFormatException>(() => EthAddress.Parse(text));
        Assert.False(EthAddress.TryParse(text, out _));
    }
}
