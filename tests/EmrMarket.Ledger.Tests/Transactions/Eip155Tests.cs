using System.Numerics;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Ledger.Transactions;

namespace EmrMarket.Ledger.Tests.Transactions;

/// <summary>The example transaction of EIP-155.</summary>
public class Eip155Tests
{
    private static readonly LegacyTransaction Example = new()
    {
        Nonce = 9,
        GasPrice = 20_000_000_000,
        GasLimit = 21000,
        To = EthAddress.Parse("0x3535353535353535353535353535353535353535"),
        Value = BigInteger.Pow(10, 18),
        ReplayProtectionChainId = 1,
    };

    private static readonly PrivateKey Key = PrivateKey.Parse("0x4646464646464646464646464646464646464646464646464646464646464646");

    [Fact]
    public void SigningHash_Eip155Example_MatchesPublishedHash()
    {
        Assert.Equal("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", Example.SigningHash().ToString());
    }

    [Fact]
    public void Sign_Eip155Example_MatchesPublishedRawTransaction()
    {
        var signed = Example.Sign(Key);
        Assert.Equal(BigInteger.Parse("18515461264373351373200002665853028612451056578545711640558177340181847433846"), signed.Signature.R);
        Assert.Equal(BigInteger.Parse("46948507304638947509940763649030358759909902576025900602547168820602576006531"), signed.Signature.S);
        Assert.Equal(
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
            signed.RawHex);
    }

    [Fact]
    public void Decode_Eip155Example_RecoversSenderAndChain()
    {
        var decoded = SignedTransaction.Decode(Example.Sign(Key).Raw);
        Assert.Equal(Key.Address, decoded.From);
        Assert.Equal(1UL, decoded.Transaction.ChainId);
        Assert.Equal(Example with { }, decoded.Transaction with { Data = Example.Data });
    }

    [Fact]
    public void Decode_WrongChainId_ThrowsTransactionException()
    {
        var error = Assert.Throws<TransactionException>(() => SignedTransaction.Decode(Example.Sign(Key).Raw, expectedChainId: 31337));
        Assert.Contains("31337", error.Message);
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("0x01c0")]
    [InlineData("0x02c0")]
    [InlineData("0xc3010203")]
    public void Decode_Malformed_ThrowsTransactionException(string raw)
    {
        Assert.Throws<TransactionException>(() => SignedTransaction.Decode(Hex.Decode(raw)));
    }
}
