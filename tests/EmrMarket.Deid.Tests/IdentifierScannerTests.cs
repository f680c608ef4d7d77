using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Identifiers;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Tests;

public sealed class IdentifierScannerTests
{
    private static readonly string[][] CleanRows =
    [
        ["20-39", "021", "2020", "MA", "E11.9", "White", "3"],
        ["40-59", "000", "2019", "NY", "I10", "Black", "12"],
        ["90+", "941", "2021", "CA", "J45.909", "Asian", "0"],
        ["80+", "100", "2018", "TX", "C50.911", "Other or unknown", "41"],
        ["0-19", "606", "2017", "IL", "O80", "White", "7"],
    ];

    private static readonly (string Value, IdentifierKind Kind)[] Planted =
    [
        ("Avery", IdentifierKind.Name),
        ("seen by dr. ashdown today", IdentifierKind.Name),
        ("2020-03-15", IdentifierKind.Date),
        ("03/15/2020", IdentifierKind.Date),
        ("15.03.2020", IdentifierKind.Date),
        ("March 15, 2020", IdentifierKind.Date),
        ("2020-03", IdentifierKind.Date),
        ("02139", IdentifierKind.ZipCode),
        ("02139-4307", IdentifierKind.ZipCode),
        ("(617) 555-0123", IdentifierKind.Telephone),
        ("617.555.0123", IdentifierKind.Telephone),
        ("jane.roe@example.org", IdentifierKind.Email),
        ("123-45-6789", IdentifierKind.SocialSecurityNumber),
        ("MRN: 00482913", IdentifierKind.MedicalRecordNumber),
        ("https://portal.example.org/chart/77", IdentifierKind.Url),
        ("www.example.org", IdentifierKind.Url),
        ("10.20.30.40", IdentifierKind.IpAddress),
        ("9b2f6a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b", IdentifierKind.OtherUniqueIdentifier),
    ];

    public static TheoryData<int, string, IdentifierKind> PlantedEverywhere()
    {
        var data = new TheoryData<int, string, IdentifierKind>();
        for (var column = 0; column < CleanRows[0].Length; column++)
            foreach (var (value, kind) in Planted) data.Add(column, value, kind);
        return data;
    }

    [Fact]
    public void Scan_CleanDeidentifiedTable_FindsNothing() =>
        Assert.Empty(Scanner().Scan(Table(CleanRows)));

    [Theory]
    [MemberData(nameof(PlantedEverywhere))]
    public void Scan_PlantedIdentifier_IsFoundInItsColumnAndRow(int column, string value, IdentifierKind kind)
    {
        var rows = CleanRows.Select(r => (string[])r.Clone()).ToArray();
        rows[3][column] = value;

        var findings = Scanner().Scan(Table(rows));

        var finding = Assert.Single(findings);
        Assert.Equal((Table(rows).Schema[column].Name, 3, kind), (finding.Column, finding.Row, finding.Kind));
    }

    [Fact]
    public void Scan_ExemptColumn_IsSkipped()
    {
        var rows = CleanRows.Select(r => (string[])r.Clone()).ToArray();
        rows[0][6] = "jane.roe@example.org";

        Assert.Empty(Scanner().Scan(Table(rows), new HashSet<string> { "c6" }));
    }

    [Fact]
    public void Run_IdentifierLeftInAKeptColumn_WithholdsTheOutput()
    {
        var table = global::EmrMarket.Deid.Tables.Table.FromRows(
            [new ColumnSchema("sex", ColumnRole.QuasiIdentifier), new ColumnSchema("note", ColumnRole.Insensitive)],
            Enumerable.Range(0, 10).Select(i => (IReadOnlyList<string?>)[i % 2 == 0 ? "F" : "M", i == 7 ? "call 617-555-0123" : "stable"]));
        var policy = new DeidPolicy { QuasiIdentifiers = [new QuasiIdentifier("sex", HierarchySource.Of(BuiltinHierarchy.Suppression))], K = 2 };

        var result = Anonymizer.Run(table, policy);

        Assert.Equal(AnonymizationStatus.IdentifiersFound, result.Status);
        Assert.Null(result.Output);
        var finding = Assert.Single(result.Report.IdentifierFindings);
        Assert.Equal(("note", 7, IdentifierKind.Telephone), (finding.Column, finding.Row, finding.Kind));
        Assert.DoesNotContain("555", result.Report.ToJson());
    }

    [Fact]
    public void Scan_SurnameThatIsAlsoACategory_IsAFindingOnlyOutsideLabelColumns()
    {
        var scanner = new IdentifierScanner(["Barry White"]);
        var table = Table([["White", "White"], ["Black", "stable"]]);

        var findings = scanner.Scan(table, labelColumns: new HashSet<string> { "c0" });

        Assert.Equal(("c1", 0, IdentifierKind.Name), findings.Select(f => (f.Column, f.Row, f.Kind)).Single());
        Assert.Single(scanner.Scan(Table([["Barry White", "x"], ["y", "z"]]), labelColumns: new HashSet<string> { "c0" }));
    }

    [Fact]
    public void Run_PatientSurnameEqualToARaceCategory_StillReleases()
    {
        var table = global::EmrMarket.Deid.Tables.Table.FromRows(
            [new ColumnSchema("name", ColumnRole.DirectIdentifier, Kind: IdentifierKind.Name), new ColumnSchema("race", ColumnRole.QuasiIdentifier)],
            Enumerable.Range(0, 6).Select(i => (IReadOnlyList<string?>)[i == 0 ? "Barry White" : $"Avery Ashdown{i}", i % 2 == 0 ? "White" : "Black"]));
        var policy = new DeidPolicy { QuasiIdentifiers = [new QuasiIdentifier("race", HierarchySource.Of(BuiltinHierarchy.Suppression))], K = 3 };

        var result = Anonymizer.Run(table, policy);

        Assert.Equal(AnonymizationStatus.Anonymized, result.Status);
        Assert.Equal(0, result.Transformation!.Levels[0].Level);
    }

    [Fact]
    public void Run_NameColumnAsQuasiIdentifier_IsRejectedUnderSafeHarbor()
    {
        var table = global::EmrMarket.Deid.Tables.Table.FromRows(
            [new ColumnSchema("name", ColumnRole.QuasiIdentifier, Kind: IdentifierKind.Name)], [["Avery"], ["Avery"]]);
        var policy = new DeidPolicy { QuasiIdentifiers = [new QuasiIdentifier("name", HierarchySource.Of(BuiltinHierarchy.Suppression))], K = 2 };

        Assert.Contains("holds Name, which Safe Harbor removes", Assert.Throws<DeidException>(() => Anonymizer.Run(table, policy)).Message);
    }

    private static IdentifierScanner Scanner() => new(["Avery Ashdown", "Jordan Pembrook"]);

    private static Table Table(string[][] rows) =>
        global::EmrMarket.Deid.Tables.Table.FromRows(Enumerable.Range(0, rows[0].Length).Select(c => new ColumnSchema($"c{c}")).ToList(), rows);
}
