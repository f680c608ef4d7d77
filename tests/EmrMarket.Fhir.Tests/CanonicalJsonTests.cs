using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using EmrMarket.Fhir.Canonical;

namespace EmrMarket.Fhir.Tests;

public sealed class CanonicalJsonTests
{
    private static string Canonical(string json, CanonicalNumbers numbers = CanonicalNumbers.Preserve) =>
        Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json), numbers));

    [Theory]
    [MemberData(nameof(JcsVectors.Files), MemberType = typeof(JcsVectors))]
    public void Canonicalize_JcsPublishedVectors_MatchExpectedOutput(string name, string input, string expected)
    {
        Assert.True(expected == Canonical(input, CanonicalNumbers.Ecmascript), name);
    }

    [Theory]
    [MemberData(nameof(JcsVectors.Numbers), MemberType = typeof(JcsVectors))]
    public void Canonicalize_JcsNumberSamples_SerialiseAsEcmascript(string ieeeHex, string expected)
    {
        var value = BitConverter.Int64BitsToDouble((long)ulong.Parse(ieeeHex, System.Globalization.NumberStyles.HexNumber));
        var json = $"[{value:R}]";

        Assert.Equal($"[{expected}]", Canonical(json, CanonicalNumbers.Ecmascript));
    }

    [Fact]
    public async Task Canonicalize_RandomDoubles_MatchNodeNumberToString()
    {
        var random = new Random(8785);
        var bits = Enumerable.Range(0, 3000).Select(i => i % 3 == 0
                ? BitConverter.DoubleToInt64Bits(Math.Round(random.NextDouble() * 1000, random.Next(0, 6)) * (random.Next(2) * 2 - 1))
                : random.NextInt64())
            .Select(b => (ulong)b)
            .Where(b => double.IsFinite(BitConverter.Int64BitsToDouble((long)b)))
            .ToList();

        var expected = await NodeOracle.RunAsync("numbers", bits.Select(b => b.ToString("x16")));

        var ours = bits.Select(b => Canonical($"[{BitConverter.Int64BitsToDouble((long)b):R}]", CanonicalNumbers.Ecmascript)[1..^1]);
        Assert.Equal(expected, ours);
    }

    [Theory]
    [InlineData("1.50", "1.50")]
    [InlineData("0.056074335445735486", "0.056074335445735486")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("1E+02", "1e2")]
    [InlineData("2.5e-007", "2.5e-7")]
    [InlineData("7E0", "7")]
    [InlineData("12345678901234567890123", "12345678901234567890123")]
    public void Canonicalize_PreserveNumbers_KeepsDigitsAndNormalisesExponent(string number, string expected)
    {
        Assert.Equal($"[{expected}]", Canonical($"[ {number} ]"));
    }

    [Fact]
    public void Canonicalize_SameResourceDifferentlyFormatted_HashesTheSame()
    {
        const string compact = """{"resourceType":"Observation","id":"a","valueQuantity":{"value":5.40,"unit":"%"},"code":{"text":"\u00e9"}}""";
        const string loose = """
            {
              "code" : { "text" : "é" },
              "valueQuantity": {"unit":"%", "value": 5.40},
              "id": "a", "resourceType": "Observation"
            }
            """;

        var a = ContentHash.Of(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(compact)));
        var b = ContentHash.Of(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(loose)));

        Assert.Equal(a, b);
        Assert.NotEqual(a, ContentHash.Of(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(compact.Replace("5.40", "5.4")))));
    }

    [Fact]
    public void ContentHash_Of_IsSha256OfTheCanonicalBytes()
    {
        var canonical = CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes("""{ "b": 1, "a": [true] }"""));

        Assert.Equal("""{"a":[true],"b":1}""", Encoding.UTF8.GetString(canonical));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(canonical)), ContentHash.Of(canonical).ToString());
        Assert.Equal(ContentHash.Of(canonical), ContentHash.FromBytes(ContentHash.Of(canonical).ToArray()));
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""", "duplicate property")]
    [InlineData("""{"a":"\ud800"}""", "lone surrogate")]
    [InlineData("""{"a":"\udc00x"}""", "lone surrogate")]
    [InlineData("""{"a":1""", "malformed JSON")]
    public void Canonicalize_InvalidInput_ThrowsNamingTheProblem(string json, string problem)
    {
        var error = Assert.Throws<CanonicalJsonException>(() => Canonical(json));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Canonicalize_InvalidUtf8_Throws()
    {
        byte[] json = [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'];

        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(json));
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void Canonicalize_NumberOutsideDoubleRange_ThrowsInEcmascriptMode()
    {
        Assert.Throws<CanonicalJsonException>(() => Canonical("[1e400]", CanonicalNumbers.Ecmascript));
        Assert.Equal("[1e400]", Canonical("[1e400]"));
    }

    [Fact]
    public void Canonicalize_SupplementaryAgainstPrivateUseNames_SortsByUtf16CodeUnits()
    {
        // U+1F600 is D83D DE00 in UTF-16, which sorts before U+E000 although its code point is larger.
        var json = "{\"\uE000\":1,\"\U0001F600\":2,\"z\":3}";

        Assert.Equal("{\"z\":3,\"\U0001F600\":2,\"\uE000\":1}", Canonical(json));
        Assert.True(BinaryPrimitives.ReadUInt16BigEndian(Encoding.BigEndianUnicode.GetBytes("\U0001F600")) < 0xE000);
    }
}
