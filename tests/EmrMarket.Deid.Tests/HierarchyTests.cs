using EmrMarket.Deid.Hierarchies;

namespace EmrMarket.Deid.Tests;

public sealed class HierarchyTests
{
    private const string AgeCsv = "0;0-4;0-9;*\n3;0-4;0-9;*\n7;5-9;0-9;*\n12;10-14;10-19;*\n";

    [Fact]
    public void FromCsv_ArxFormat_GeneralizesEachValueByLevel()
    {
        var hierarchy = Hierarchy.FromCsv(new StringReader(AgeCsv));

        Assert.Equal(4, hierarchy.Levels);
        Assert.Equal(["0", "3", "7", "12"], hierarchy.Values);
        Assert.Equal("5-9", hierarchy.Generalize("7", 1));
        Assert.Equal("0-9", hierarchy.Generalize("7", 2));
        Assert.Equal("*", hierarchy.Generalize("12", 3));
        Assert.Equal(["0-9", "10-19"], hierarchy.LevelValues(2));
    }

    [Fact]
    public void WriteCsv_ThenFromCsv_RoundTrips()
    {
        var writer = new StringWriter();
        Hierarchy.FromCsv(new StringReader(AgeCsv)).WriteCsv(writer);

        Assert.Equal(AgeCsv, writer.ToString());
    }

    [Fact]
    public void FromCsv_RowsOfUnequalDepth_NamesColumnRowAndValue()
    {
        var error = Assert.Throws<DeidException>(() => Hierarchy.FromCsv(new StringReader("0;0-4;*\n3;0-4\n"), column: "age"));

        Assert.Contains("column 'age'", error.Message);
        Assert.Contains("row 2 ('3') has 2 levels", error.Message);
        Assert.Equal(("age", "3"), (error.Column, error.Value));
    }

    [Fact]
    public void FromCsv_ValueListedTwice_IsRejected() =>
        Assert.Contains("value '3' has two rows", Assert.Throws<DeidException>(() => Hierarchy.FromCsv(new StringReader("3;a;*\n3;b;*\n"))).Message);

    [Fact]
    public void FromCsv_LabelWithTwoParents_IsRejectedAsNotATree()
    {
        var error = Assert.Throws<DeidException>(() => Hierarchy.FromCsv(new StringReader("1;a;x;*\n2;a;y;*\n"), column: "c"));

        Assert.Contains("'a' at level 1 generalizes to both 'x' and 'y' at level 2", error.Message);
    }

    [Fact]
    public void Generalize_UnknownValue_NamesIt() =>
        Assert.Equal("99", Assert.Throws<DeidException>(() => Hierarchy.FromCsv(new StringReader(AgeCsv)).Generalize("99", 1)).Value);

    [Fact]
    public void Parse_UnknownBuiltin_ListsTheBuiltins() =>
        Assert.Contains("builtin:zip", Assert.Throws<DeidException>(() => HierarchySource.Parse("builtin:postcode", "zip")).Message);

    [Fact]
    public void Parse_MissingFile_NamesColumnAndPath() =>
        Assert.Contains("for column 'age' does not exist", Assert.Throws<DeidException>(() => HierarchySource.Parse("/nonexistent/age.csv", "age")).Message);

    [Fact]
    public void BuiltinAge_Bands_AndPooledNinetyPlusStaysATree()
    {
        var hierarchy = HierarchySource.Of(BuiltinHierarchy.Age).Materialize(["7", "37", "85", "90+", ""], "age");

        Assert.Equal(["5-9", "0-9", "0-19", "*"], Enumerable.Range(1, 4).Select(l => hierarchy.Generalize("7", l)));
        Assert.Equal(["35-39", "30-39", "20-39"], Enumerable.Range(1, 3).Select(l => hierarchy.Generalize("37", l)));
        Assert.Equal(["85-89", "80-89", "80+"], Enumerable.Range(1, 3).Select(l => hierarchy.Generalize("85", l)));
        Assert.Equal(["90+", "90+", "80+"], Enumerable.Range(1, 3).Select(l => hierarchy.Generalize("90+", l)));
        Assert.Equal("", hierarchy.Generalize("", 3));
    }

    [Fact]
    public void BuiltinAge_NotAWholeNumber_NamesColumnAndValue() =>
        Assert.Equal("4.5", Assert.Throws<DeidException>(() => HierarchySource.Of(BuiltinHierarchy.Age).Materialize(["4.5"], "age")).Value);

    [Fact]
    public void BuiltinZip_GoesToZip3ThenStateWithRestrictedAreasAs000()
    {
        var hierarchy = HierarchySource.Of(BuiltinHierarchy.Zip).Materialize(["02139", "03601", "75201"], "zip");

        Assert.Equal(["021", "MA", "*"], Enumerable.Range(1, 3).Select(l => hierarchy.Generalize("02139", l)));
        Assert.Equal(["000", "000", "*"], Enumerable.Range(1, 3).Select(l => hierarchy.Generalize("03601", l)));
        Assert.Equal(["752", "TX", "*"], Enumerable.Range(1, 3).Select(l => hierarchy.Generalize("75201", l)));
    }

    [Fact]
    public void BuiltinDate_GoesToMonthThenYear()
    {
        var hierarchy = HierarchySource.Of(BuiltinHierarchy.Date).Materialize(["2020-03-15", "2020-03-15T08:30:00Z"], "day");

        Assert.Equal(["2020-03", "2020", "*"], Enumerable.Range(1, 3).Select(l => hierarchy.Generalize("2020-03-15T08:30:00Z", l)));
        Assert.Equal("15/03/2020", Assert.Throws<DeidException>(() => HierarchySource.Of(BuiltinHierarchy.Date).Materialize(["15/03/2020"], "day")).Value);
    }
}
