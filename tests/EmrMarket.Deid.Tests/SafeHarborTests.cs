using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Identifiers;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Tests;

public sealed class SafeHarborTests
{
    // The 2000-census list of HHS's de-identification guidance (2012), section 3.3.
    private static readonly string[] Census2000 =
        ["036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884", "890", "893"];

    public static TheoryData<string> RestrictedAreas() => new(Census2000);

    [Theory]
    [MemberData(nameof(RestrictedAreas))]
    public void Zip3_RestrictedArea_Becomes000(string prefix) =>
        Assert.Equal("000", SafeHarbor.Zip3(prefix + "42"));

    [Fact]
    public void RestrictedAreas_AreExactlyTheCensus2000List()
    {
        Assert.Equal(Census2000, UsZipAreas.RestrictedAreas.Order(StringComparer.Ordinal));
        Assert.Equal("census-2000", UsZipAreas.RestrictedAreasVersion);
    }

    [Theory]
    [InlineData("02139", "021")]
    [InlineData("94110-1234", "941")]
    [InlineData("10001", "100")]
    public void Zip3_OrdinaryArea_KeepsThreeDigits(string zip, string expected) => Assert.Equal(expected, SafeHarbor.Zip3(zip));

    [Theory]
    [InlineData("2139")]
    [InlineData("02139-12")]
    [InlineData("O2139")]
    public void Zip3_NotAZipCode_NamesColumnAndValue(string zip)
    {
        var error = Assert.Throws<DeidException>(() => SafeHarbor.Zip3(zip, "zip"));
        Assert.Equal("zip", error.Column);
        Assert.Equal(zip, error.Value);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("89", "89")]
    [InlineData("90", "90+")]
    [InlineData("104", "90+")]
    [InlineData("90+", "90+")]
    public void Age_Over89_IsPooled(string age, string expected) => Assert.Equal(expected, SafeHarbor.Age(age));

    [Theory]
    [InlineData("2020-02-29", "2020")]
    [InlineData("1999-12-31T23:59:00Z", "1999")]
    public void Year_IsoDate_KeepsOnlyTheYear(string date, string expected) => Assert.Equal(expected, SafeHarbor.Year(date));

    [Fact]
    public void Apply_Table_DropsIdentifiersAndTransformsZipDateAndAge()
    {
        var table = Table.FromRows(
            [
                new ColumnSchema("mrn", ColumnRole.DirectIdentifier, Kind: IdentifierKind.MedicalRecordNumber),
                new ColumnSchema("email", ColumnRole.Insensitive, Kind: IdentifierKind.Email),
                new ColumnSchema("zip", ColumnRole.QuasiIdentifier, Kind: IdentifierKind.ZipCode),
                new ColumnSchema("born", ColumnRole.QuasiIdentifier, ColumnType.Date, IdentifierKind.Date),
                new ColumnSchema("age", ColumnRole.QuasiIdentifier, ColumnType.Integer, IdentifierKind.Age),
                new ColumnSchema("diagnosis", ColumnRole.Sensitive),
            ],
            [["M-1", "a@b.org", "03601", "1931-05-02", "92", "I10"], ["M-2", "c@d.org", "02139", "1980-01-01", "44", ""]]);

        var result = SafeHarbor.Apply(table);

        Assert.Equal(["zip", "born", "age", "diagnosis"], result.Schema.Select(c => c.Name));
        Assert.Equal(["000", "1931", "90+", "I10"], Enumerable.Range(0, 4).Select(c => result[0, c]));
        Assert.Equal(["021", "1980", "44", ""], Enumerable.Range(0, 4).Select(c => result[1, c]));
    }

    [Fact]
    public void Run_SafeHarborOnBuiltins_NeverChoosesFullZipsOrDates()
    {
        var table = Table.FromRows(
            [new ColumnSchema("zip", ColumnRole.QuasiIdentifier, Kind: IdentifierKind.ZipCode), new ColumnSchema("day", ColumnRole.QuasiIdentifier, ColumnType.Date, IdentifierKind.Date)],
            Enumerable.Range(0, 40).Select(i => (IReadOnlyList<string?>)["02139", "2020-01-15"]));
        var policy = new DeidPolicy
        {
            QuasiIdentifiers = [new QuasiIdentifier("zip", HierarchySource.Of(BuiltinHierarchy.Zip)), new QuasiIdentifier("day", HierarchySource.Of(BuiltinHierarchy.Date))],
            K = 2,
        };

        var result = Anonymizer.Run(table, policy);

        // Without Safe Harbor the identical rows would stay at level 0; with it, ZIP3 and year are the floor.
        Assert.Equal([1, 2], result.Transformation!.Levels.Select(l => l.Level));
        Assert.Equal(("021", "2020"), (result.Output![0, 0], result.Output[0, 1]));
        Assert.Equal([0, 0], Anonymizer.Run(table, policy with { SafeHarbor = false }).Transformation!.Levels.Select(l => l.Level));
    }
}
