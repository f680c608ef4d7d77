using EmrMarket.Deid.Hierarchies;
using static EmrMarket.Deid.Tests.TestTables;

namespace EmrMarket.Deid.Tests;

public sealed class LDiversityTests
{
    [Fact]
    public void Run_EntropyDiversityNotMonotoneUnderSuppression_FindsTheOnlySatisfyingNode()
    {
        // (a, b) keeps 4 diverse records only if b is generalized: the bottom node and the a-generalized
        // nodes pass k = 2 yet fail entropy 2-diversity, which must not be taken to fail everything below.
        var table = Make([Qi("a"), Qi("b"), Sensitive("s")],
            ["a1", "b1", "x"], ["a1", "b1", "x"], ["a1", "b2", "y"], ["a1", "b2", "y"],
            ["a2", "b1", "x"], ["a2", "b1", "x"], ["a2", "b1", "x"], ["a2", "b1", "x"], ["a2", "b1", "x"], ["a2", "b1", "x"]);
        var policy = new DeidPolicy
        {
            QuasiIdentifiers = [new QuasiIdentifier("a", HierarchySource.Of(Flat("a1", "a2"))), new QuasiIdentifier("b", HierarchySource.Of(Flat("b1", "b2")))],
            K = 2,
            LDiversity = new LDiversity(2, LDiversityVariant.Entropy),
            SuppressionLimit = 0.65,
            SafeHarbor = false,
        };

        var result = Anonymizer.Run(table, policy);

        Assert.Equal(AnonymizationStatus.Anonymized, result.Status);
        Assert.Equal([0, 1], result.Transformation!.Levels.Select(l => l.Level));
        Assert.Equal(6, result.Report.SuppressedRecords);
        Assert.Equal(["x", "x", "y", "y"], Enumerable.Range(0, 4).Select(r => result.Output![r, 2]).Order());
    }

    [Fact]
    public void Run_DistinctDiversityUnreachable_ReportsNoSolution()
    {
        var table = Make([Qi("a"), Sensitive("s")], ["a1", "x"], ["a1", "x"], ["a2", "x"], ["a2", "y"]);
        var policy = new DeidPolicy
        {
            QuasiIdentifiers = [new QuasiIdentifier("a", HierarchySource.Of(Flat("a1", "a2")))],
            K = 2,
            LDiversity = new LDiversity(3),
            SafeHarbor = false,
        };

        var result = Anonymizer.Run(table, policy);

        Assert.Equal(AnonymizationStatus.NoSolution, result.Status);
        Assert.Null(result.Output);
        Assert.Null(result.Transformation);
        Assert.Contains("no transformation satisfies 2-anonymity with distinct 3-diversity", result.Report.Summary);
    }

    [Fact]
    public void Run_DistinctDiversity_SuppressesClassesWithTooFewSensitiveValues()
    {
        var table = Make([Qi("a"), Sensitive("s")],
            ["a1", "x"], ["a1", "y"], ["a2", "x"], ["a2", "x"], ["a3", "x"], ["a3", "z"]);
        var policy = new DeidPolicy
        {
            QuasiIdentifiers = [new QuasiIdentifier("a", HierarchySource.Of(Flat("a1", "a2", "a3")))],
            K = 2,
            LDiversity = new LDiversity(2),
            SuppressionLimit = 0.34,
            SafeHarbor = false,
        };

        var result = Anonymizer.Run(table, policy);

        Assert.Equal([0], result.Transformation!.Levels.Select(l => l.Level));
        Assert.Equal(2, result.Report.SuppressedRecords);
        Assert.DoesNotContain("a2", Enumerable.Range(0, result.Output!.RowCount).Select(r => result.Output[r, 0]));
    }
}
