using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Tests;

public sealed class AnonymizerInputTests
{
    public static TheoryData<string, Func<DeidPolicy, DeidPolicy>, string, string?> BadPolicies() => new()
    {
        { "missing column", p => p with { QuasiIdentifiers = [.. p.QuasiIdentifiers, new QuasiIdentifier("zipcode", HierarchySource.Of(BuiltinHierarchy.Zip))] }, "column 'zipcode' is not in the table (columns: a, b, s, note)", "zipcode" },
        { "k above rows", p => p with { K = 5 }, "k = 5 is larger than the table's 4 rows", null },
        { "k below 1", p => p with { K = 0 }, "k must be at least 1", null },
        { "suppression above 1", p => p with { SuppressionLimit = 1.5 }, "the suppression limit must be between 0 and 1", null },
        { "fractional distinct l", p => p with { LDiversity = new LDiversity(2.5) }, "distinct l-diversity needs a whole l", null },
        { "pseudonym without secret", p => p with { PseudonymColumn = "note" }, "pseudonyms for column 'note' need the dataset's secret", "note" },
        { "date shift without pseudonym", p => p with { DateShiftDays = 30 }, "date shifting needs a pseudonym column", null },
        { "quasi-identifier twice", p => p with { QuasiIdentifiers = [.. p.QuasiIdentifiers, p.QuasiIdentifiers[0]] }, "column 'a' is named twice", "a" },
        { "not a quasi-identifier", p => p with { QuasiIdentifiers = [.. p.QuasiIdentifiers, new QuasiIdentifier("note", HierarchySource.Of(BuiltinHierarchy.Suppression))] }, "the policy names 'note' as a quasi-identifier but the table gives it the role Insensitive", "note" },
        { "quasi-identifier without hierarchy", p => p with { QuasiIdentifiers = [p.QuasiIdentifiers[0]] }, "column 'b' is a quasi-identifier but the policy gives it no hierarchy", "b" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void Run_BadPolicy_ThrowsNamingTheProblem(string because, Func<DeidPolicy, DeidPolicy> change, string message, string? column)
    {
        var error = Assert.Throws<DeidException>(() => Anonymizer.Run(Input(), change(InformationLossTests.Policy())));

        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{because}: {error.Message}");
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void Run_ValueAbsentFromHierarchy_NamesColumnValueAndRow()
    {
        var table = Table.FromRows(Input().Schema, [["a1", "b1", "x", ""], ["a9", "b1", "x", ""], ["a1", "b1", "x", ""], ["a1", "b1", "x", ""]]);

        var error = Assert.Throws<DeidException>(() => Anonymizer.Run(table, InformationLossTests.Policy()));

        Assert.Equal("column 'a': value 'a9' (row 2) is not in its hierarchy (csv: 4 values, 3 levels)", error.Message);
        Assert.Equal(("a", "a9"), (error.Column, error.Value));
    }

    [Fact]
    public void Run_HierarchyFileOfUnequalDepth_NamesTheFileRow()
    {
        var path = Path.Combine(Path.GetTempPath(), $"deid-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "a1;g1;*\na2;g1\n");
        try
        {
            var error = Assert.Throws<DeidException>(() => HierarchySource.Parse(path, "a"));
            Assert.Contains("column 'a': row 2 ('a2') has 2 levels but row 1 ('a1') has 3", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_DiversityWithoutSensitiveColumn_IsRejected()
    {
        var table = Table.FromRows(Input().Schema.Select(c => c with { Role = c.Name == "s" ? ColumnRole.Insensitive : c.Role }).ToList(),
            Enumerable.Range(0, 4).Select(r => (IReadOnlyList<string?>)Enumerable.Range(0, 4).Select(c => Input()[r, c]).ToList()));

        Assert.Contains("at least one column whose role is sensitive",
            Assert.Throws<DeidException>(() => Anonymizer.Run(table, InformationLossTests.Policy() with { LDiversity = new LDiversity(2) })).Message);
    }

    [Fact]
    public void Run_EmptyTable_IsRejected() =>
        Assert.Contains("no rows", Assert.Throws<DeidException>(() => Anonymizer.Run(Table.FromRows(Input().Schema, []), InformationLossTests.Policy())).Message);

    private static Table Input()
    {
        var table = InformationLossTests.Table();
        var schema = table.Schema.Append(new ColumnSchema("note")).ToList();
        return Table.FromRows(schema, Enumerable.Range(0, table.RowCount).Select(r => (IReadOnlyList<string?>)[table[r, 0], table[r, 1], table[r, 2], "ok"]));
    }
}
