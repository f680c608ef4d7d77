using EmrMarket.Deid.Pseudonyms;

namespace EmrMarket.Deid.Tests;

public sealed class PseudonymTests
{
    private static readonly DatasetSecret Secret = DatasetSecret.FromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    // Expected values computed independently with OpenSSL, e.g.
    // printf 'emrmarket/pseudonym/v1\0patient-0001' | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1f
    public static TheoryData<string, string> PseudonymVectors() => new()
    {
        { "patient-0001", "0cebfcffc4ceedb5801fa3d7513edeb1" },
        { "d3b07384-d113-4ec6-a5a8-1f3c2b2e9a10", "c6238dff9b96c9c493f0cec777af6d23" },
    };

    [Theory]
    [MemberData(nameof(PseudonymVectors))]
    public void Pseudonym_KnownKey_MatchesOpenSslHmac(string id, string expected) =>
        Assert.Equal(expected, new Pseudonymizer(Secret).Pseudonym(id));

    [Fact]
    public void Pseudonym_OtherDatasetSecret_CannotBeJoined()
    {
        var ids = Enumerable.Range(0, 200).Select(i => $"patient-{i}").ToList();
        var first = ids.Select(new Pseudonymizer(Secret).Pseudonym).ToHashSet();
        var second = ids.Select(new Pseudonymizer(DatasetSecret.Generate()).Pseudonym).ToHashSet();

        Assert.Equal(200, first.Count);
        Assert.Empty(first.Intersect(second));
    }

    [Theory]
    [InlineData(30, -7)]
    [InlineData(365, -190)]
    public void OffsetDays_KnownKey_MatchesOpenSslHmac(int maxDays, int expected) =>
        // printf 'emrmarket/date-shift/v1\0patient-0001' | openssl … → 3e708a8a45381713…; little-endian mod (2·max+1) − max.
        Assert.Equal(expected, new DateShifter(Secret, maxDays).OffsetDays("patient-0001"));

    [Fact]
    public void Shift_OnePatient_KeepsIntervalsAndStaysInRange()
    {
        var shifter = new DateShifter(Secret, 30);
        var admitted = new DateOnly(2021, 3, 1);
        var discharged = new DateOnly(2021, 3, 9);

        var shiftedAdmission = shifter.Shift("patient-7", admitted);
        var shiftedDischarge = shifter.Shift("patient-7", discharged);

        Assert.Equal(8, shiftedDischarge.DayNumber - shiftedAdmission.DayNumber);
        Assert.InRange(shiftedAdmission.DayNumber - admitted.DayNumber, -30, 30);
        Assert.Equal("2021-03-01T10:15:00Z"[10..], shifter.Shift("patient-7", "2021-03-01T10:15:00Z")[10..]);
    }

    [Fact]
    public void Shift_ManyPatients_SpreadsOverTheWholeRange()
    {
        var shifter = new DateShifter(Secret, 10);

        var offsets = Enumerable.Range(0, 2000).Select(i => shifter.OffsetDays($"p{i}")).ToHashSet();

        Assert.Equal(21, offsets.Count);
        Assert.Equal(-10, offsets.Min());
        Assert.Equal(10, offsets.Max());
    }

    [Fact]
    public void DatasetSecret_TooShortOrNotHex_IsRejected()
    {
        Assert.Contains("at least 16 bytes", Assert.Throws<DeidException>(() => DatasetSecret.FromHex("00ff")).Message);
        Assert.Contains("not hexadecimal", Assert.Throws<DeidException>(() => DatasetSecret.FromHex("zz")).Message);
        Assert.DoesNotContain("0001", Secret.ToString());
    }
}
