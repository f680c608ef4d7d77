using EmrMarket.Deid.Reports;

namespace EmrMarket.Deid.Tests;

public sealed class ReportTests
{
    [Fact]
    public void Run_HandWorkedTable_ReportsRiskBeforeAndAfter()
    {
        var report = Anonymizer.Run(InformationLossTests.Table(), InformationLossTests.Policy()).Report;

        // Input classes (a, b) as given: sizes 2, 1, 1. Output: one class of 3 (the lone g2 record suppressed).
        Assert.Equal(new RiskFigures(4, 3, 1, 1, 0.75, 0.5, 0.375, 0.5, 1, 1), report.InputRisk);
        Assert.Equal(new RiskFigures(3, 1, 3, 1d / 3, 1d / 3, 1d / 6, 1d / 6, 0, 1, 1), report.OutputRisk);
        Assert.Equal([new ClassSizeBin("2–4", 1, 3)], report.ClassSizes);
        Assert.Equal((4, 3), (report.InputRows, report.OutputRows));
    }

    [Fact]
    public void Run_Distributions_FoldValuesHeldByFewerThanKRecords()
    {
        var report = Anonymizer.Run(InformationLossTests.Table(), InformationLossTests.Policy()).Report;

        var a = report.Distributions.Single(d => d.Column == "a");
        Assert.Equal([new ValueCount("a1", 2), new ValueCount("(other)", 2)], a.Before);
        Assert.Equal([new ValueCount("g1", 3)], a.After);
        var s = report.Distributions.Single(d => d.Column == "s");
        Assert.Equal((3, 2), (s.DistinctBefore, s.DistinctAfter));
        Assert.Equal([new ValueCount("x", 2), new ValueCount("(other)", 2)], s.Before);
    }

    [Fact]
    public void ToJson_ThenFromJson_RoundTrips()
    {
        var report = Anonymizer.Run(InformationLossTests.Table(), InformationLossTests.Policy()).Report;

        var json = report.ToJson();
        var again = DeidReport.FromJson(json);

        Assert.Equal(json, again.ToJson());
        Assert.Contains("\"status\": \"anonymized\"", json);
        Assert.Contains("\"metric\": \"loss\"", json);
    }

    [Fact]
    public void ToMarkdown_ShowsTransformationRiskAndDistributions()
    {
        var markdown = Anonymizer.Run(InformationLossTests.Table(), InformationLossTests.Policy()).Report.ToMarkdown();

        Assert.Contains("**Anonymized**", markdown);
        Assert.Contains("| a | csv: 4 values, 3 levels | 1 | 0 | 2 |", markdown);
        Assert.Contains("| prosecutor risk, highest | 100% | 33.3333% |", markdown);
        Assert.Contains("| a1 | 2 | g1 | 3 |", markdown);
    }
}
