using System.Numerics;
using System.Text;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Tests.Crypto;

public class KeyAndSignatureTests
{
    public static TheoryData<string, string> KnownKeys() => new()
    {
        // anvil's first development account (mnemonic "test test … junk").
        { "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" },
        { "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" },
        // EIP-712's example signer: keccak256("cow").
        { "0xc85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
    };

    [Theory]
    [MemberData(nameof(KnownKeys))]
    public void Address_KnownKey_MatchesPublishedAddress(string key, string address)
    {
        Assert.Equal(address, PrivateKey.Parse(key).Address.ToString());
    }

    [Fact]
    public void Sign_RandomDigests_RecoversSignerWithLowS()
    {
        var random = new Random(1);
        var halfN = BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337") / 2;
        for (var i = 0; i < 50; i++)
        {
            var key = PrivateKey.Generate();
            var digest = new byte[32];
            random.NextBytes(digest);
            var signature = key.Sign(new Hash32(digest));
            Assert.True(signature.S <= halfN);
            Assert.Equal(key.Address, signature.RecoverAddress(new Hash32(digest)));
            Assert.Equal(signature, Signature.FromBytes(signature.ToBytes()));
        }
    }

    [Theory]
    [InlineData(200, 100)]
    [InlineData(255, 232)]
    [InlineData(8, 1)]
    public void ToBytes_ShortRAndS_LeftPaddedTo32BytesEach(int rBits, int sBits)
    {
        var signature = new Signature(BigInteger.One << rBits, BigInteger.One << sBits, 1);

        var bytes = signature.ToBytes();

        Assert.Equal(65, bytes.Length);
        Assert.Equal(signature, Signature.FromBytes(bytes));
        Assert.Equal(28, bytes[64]);
    }

    [Fact]
    public void Sign_SameDigest_IsDeterministic()
    {
        var key = PrivateKey.Parse("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        var digest = Keccak256.Hash("rfc6979");
        Assert.Equal(key.Sign(digest), key.Sign(digest));
    }

    [Fact]
    public void FromBytes_HighS_ThrowsSignatureException()
    {
        var key = PrivateKey.Parse("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        var bytes = key.Sign(Keccak256.Hash("x")).ToBytes();
        var n = BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337");
        var highS = n - new BigInteger(bytes.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        highS.TryWriteBytes(bytes.AsSpan(32, 32), out _, isUnsigned: true, isBigEndian: true);
        var error = Assert.Throws<SignatureException>(() => Signature.FromBytes(bytes));
        Assert.Contains("EIP-2", error.Message);
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff8000")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
    [InlineData("not a key")]
    public void Parse_BadKey_ThrowsSignatureException(string text)
    {
        Assert.Throws<SignatureException>(() => PrivateKey.Parse(text));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(66)]
    public void FromBytes_WrongSignatureLength_Throws(int length)
    {
        Assert.Throws<SignatureException>(() => Signature.FromBytes(new byte[length]));
    }

    [Fact]
    public void ToString_PrivateKey_NeverShowsKey()
    {
        const string hex = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
        var text = PrivateKey.Parse(hex).ToString();
        Assert.DoesNotContain(hex, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", text);
    }

    [Fact]
    public void RecoverSigner_PersonalMessage_ReturnsSigner()
    {
        var key = PrivateKey.Generate();
        var message = Encoding.UTF8.GetBytes("I consent");
        Assert.Equal(key.Address, Eip191.RecoverSigner(message, key.SignMessage(message)));
    }
}
