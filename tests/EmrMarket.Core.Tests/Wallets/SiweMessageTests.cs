using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Tests.Wallets;

public sealed class SiweMessageTests
{
    // The example message of EIP-4361 ("Example message to be signed"), less its Resources list.
    private const string SpecExample = """
        service.org wants you to sign in with your Ethereum account:
        0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2

        I accept the ServiceOrg Terms of Service: https://service.org/tos

        URI: https://service.org/login
        Version: 1
        Chain ID: 1
        Nonce: 32891757
        Issued At: 2021-09-30T16:25:24.000Z
        Expiration Time: 2021-10-01T16:25:24.000Z
        """;

    [Fact]
    public void Parse_SpecExample_ReadsEveryField()
    {
        var message = SiweMessage.Parse(SpecExample);

        Assert.Equal("service.org", message.Domain);
        Assert.Equal(EthAddress.Parse("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"), message.Address);
        Assert.Equal("I accept the ServiceOrg Terms of Service: https://service.org/tos", message.Statement);
        Assert.Equal(new Uri("https://service.org/login"), message.Uri);
        Assert.Equal(1UL, message.ChainId);
        Assert.Equal("32891757", message.Nonce);
        Assert.Equal(new DateTimeOffset(2021, 9, 30, 16, 25, 24, TimeSpan.Zero), message.IssuedAt);
    }

    [Fact]
    public void Format_SpecExampleFields_ReproducesTheSpecText()
    {
        Assert.Equal(SpecExample.ReplaceLineEndings("\n"), SiweMessage.Parse(SpecExample).Format());
    }

    [Theory]
    [InlineData("hello", "first line")]
    [InlineData("a.org wants you to sign in with your Ethereum account:\n0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cC2\n\nx\n\nURI: https://a.org\n", "checksummed address")]
    public void Parse_Malformed_ThrowsNamingTheProblem(string text, string expected)
    {
        var error = Assert.Throws<WalletException>(() => SiweMessage.Parse(text));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_MissingNonce_ThrowsNamingTheLine()
    {
        var text = SpecExample.ReplaceLineEndings("\n").Replace("Nonce: 32891757\n", "", StringComparison.Ordinal);

        var error = Assert.Throws<WalletException>(() => SiweMessage.Parse(text));

        Assert.Contains("'Nonce'", error.Message);
    }
}
