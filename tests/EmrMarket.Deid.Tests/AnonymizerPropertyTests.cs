using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Tests;

public sealed class AnonymizerPropertyTests
{
    public static TheoryData<int, InformationLossMetric> Cases()
    {
        var data = new TheoryData<int, InformationLossMetric>();
        foreach (var metric in Enum.GetValues<InformationLossMetric>())
            for (var seed = 0; seed < 120; seed++) data.Add(seed, metric);
        return data;
    }

    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 150));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_RandomTable_MatchesBruteForceOptimumAndKeepsEveryClassAtLeastK(int seed, InformationLossMetric metric) =>
        AssertMatchesBruteForce(RandomInstance.Create(seed, metric), metric);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Run_EntropyDiversityWithSuppression_MatchesBruteForceThoughNotMonotone(int seed) =>
        AssertMatchesBruteForce(RandomInstance.Create(seed, InformationLossMetric.Loss, entropyDiversityWithSuppression: true), InformationLossMetric.Loss);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Run_DistinctDiversityOverMoreThan64SensitiveValues_MatchesBruteForce(int seed) =>
        AssertMatchesBruteForce(RandomInstance.Create(seed, InformationLossMetric.Loss, manySensitiveValues: true), InformationLossMetric.Loss);

    private static void AssertMatchesBruteForce(RandomInstance instance, InformationLossMetric metric)
    {
        var policy = instance.Policy;

        var result = Anonymizer.Run(instance.Table, policy);

        var nodes = BruteForce.AllNodes(instance.Attributes, policy.K, policy.SuppressionLimit, policy.LDiversity, instance.Sensitive, metric).ToList();
        var optimum = BruteForce.Optimum(nodes);
        if (optimum is null)
        {
            Assert.Equal(AnonymizationStatus.NoSolution, result.Status);
            Assert.Null(result.Output);
            return;
        }
        Assert.Equal(AnonymizationStatus.Anonymized, result.Status);
        Assert.Equal(optimum.Levels, result.Transformation!.Levels.Select(l => l.Level));
        Assert.Equal(optimum.Loss, result.Report.InformationLoss!.Value, 1e-9);
        Assert.All(nodes.Where(n => n.Satisfied), n => Assert.True(result.Report.InformationLoss.Value <= n.Loss + 1e-9));

        var output = result.Output!;
        var maxSuppressed = (long)Math.Floor(policy.SuppressionLimit * instance.Table.RowCount);
        Assert.Equal(optimum.Suppressed, result.Report.SuppressedRecords);
        Assert.True(instance.Table.RowCount - output.RowCount <= maxSuppressed);
        foreach (var size in OutputClassSizes(output, policy)) Assert.True(size >= policy.K, $"class of {size} < k = {policy.K}");
    }

    private static IEnumerable<int> OutputClassSizes(Table output, DeidPolicy policy)
    {
        var columns = policy.QuasiIdentifiers.Select(q => output.IndexOf(q.Column)).ToArray();
        return Enumerable.Range(0, output.RowCount)
            .GroupBy(r => string.Join("\u0001", columns.Select(c => output[r, c])))
            .Select(g => g.Count());
    }
}
