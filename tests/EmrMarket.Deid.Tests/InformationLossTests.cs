using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Tests;

/// <summary>
/// A four-record table worked by hand. a: a1,a2 → g1; a3,a4 → g2; → * (domain 4). b: b1,b2 → * (domain 2).
/// Rows (a, b): (a1,b1) (a1,b1) (a2,b1) (a3,b1); k = 2, at most one record suppressed.
/// The optimum is a at level 1, b at level 0, suppressing the lone (g2, b1) record:
/// Loss_a = (3·2/4 + 1·1 − 4/4) / (4 − 4/4) = 0.5, Loss_b = (3·1/2 + 1·1 − 4/2) / (4 − 4/2) = 0.25,
/// Loss = √(1.5 · 1.25) − 1; entropy_a = 2·log2(3/2) + log2(3), entropy_b = 0; discernibility = 3² + 1·4.
/// </summary>
public sealed class InformationLossTests
{
    public static Table Table() => Tables.Table.FromRows(
        [new ColumnSchema("a", ColumnRole.QuasiIdentifier), new ColumnSchema("b", ColumnRole.QuasiIdentifier), new ColumnSchema("s", ColumnRole.Sensitive)],
        [["a1", "b1", "x"], ["a1", "b1", "y"], ["a2", "b1", "x"], ["a3", "b1", "z"]]);

    public static DeidPolicy Policy(InformationLossMetric metric = InformationLossMetric.Loss) => new()
    {
        QuasiIdentifiers =
        [
            new QuasiIdentifier("a", HierarchySource.Of(Hierarchy.FromRows([["a1", "g1", "*"], ["a2", "g1", "*"], ["a3", "g2", "*"], ["a4", "g2", "*"]]))),
            new QuasiIdentifier("b", HierarchySource.Of(Hierarchy.FromRows([["b1", "*"], ["b2", "*"]]))),
        ],
        K = 2,
        SuppressionLimit = 0.25,
        Metric = metric,
        SafeHarbor = false,
        SamplingFraction = 0.5,
    };

    [Fact]
    public void Run_HandWorkedTable_MatchesArxLossByHand()
    {
        var result = Anonymizer.Run(Table(), Policy());

        Assert.Equal([1, 0], result.Transformation!.Levels.Select(l => l.Level));
        var loss = result.Report.InformationLoss!;
        Assert.Equal([0.5, 0.25], loss.LossByAttribute.Select(a => a.Loss));
        Assert.Equal(Math.Sqrt(1.5 * 1.25) - 1, loss.Loss, 1e-15);
        Assert.Equal(Math.Floor((2 * Math.Log2(1.5) + Math.Log2(3)) * 1e10) / 1e10, loss.NonUniformEntropy, 1e-12);
        Assert.Equal(13, loss.Discernibility);
        Assert.Equal(1, result.Report.SuppressedRecords);
    }

    [Theory]
    [InlineData(InformationLossMetric.NonUniformEntropy)]
    [InlineData(InformationLossMetric.Discernibility)]
    public void Run_OtherMetric_ReportsItsOwnValueAsTheObjective(InformationLossMetric metric)
    {
        var loss = Anonymizer.Run(Table(), Policy(metric)).Report.InformationLoss!;

        Assert.Equal(metric, loss.Metric);
        Assert.Equal(metric == InformationLossMetric.Discernibility ? loss.Discernibility : loss.NonUniformEntropy, loss.Value);
    }
}
