using EmrMarket.Deid.Pseudonyms;
using EmrMarket.Deid.Synthetic;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Tests;

public sealed class DeterminismTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    public void Run_OneThreadOrTwo_GivesTheSameOutputAndReport(double suppression)
    {
        var data = SyntheticPatients.Generate(40_000, 8, seed: 7);
        var policy = data.Policy with { SuppressionLimit = suppression, PseudonymColumn = "patient_id", LDiversity = new LDiversity(2) };
        var secret = DatasetSecret.FromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

        var single = Anonymizer.Run(data.Table, policy, secret, new AnonymizerOptions { MaxDegreeOfParallelism = 1, ClassCacheBytes = 1 << 20 });
        var dual = Anonymizer.Run(data.Table, policy, secret, new AnonymizerOptions { MaxDegreeOfParallelism = 2 });

        Assert.Equal(AnonymizationStatus.Anonymized, single.Status);
        Assert.Equal(single.Report.ToJson(), dual.Report.ToJson());
        Assert.Equal(Csv(single.Output!), Csv(dual.Output!));
    }

    [Fact]
    public void Run_SyntheticPatients_DropsNamesAndPseudonymizesIds()
    {
        var data = SyntheticPatients.Generate(5_000, 6, seed: 3);
        var secret = DatasetSecret.Generate();

        var result = Anonymizer.Run(data.Table, data.Policy with { PseudonymColumn = "patient_id", SuppressionLimit = 0.02 }, secret);

        var output = result.Output!;
        Assert.Equal(-1, output.IndexOf("name"));
        var ids = output.Column(output.RequireColumn("patient_id"));
        var pseudonymizer = new Pseudonymizer(secret);
        var expected = data.Table.Column(data.Table.RequireColumn("patient_id")).Select(id => pseudonymizer.Pseudonym(id!)).ToHashSet();
        Assert.All(ids, id => Assert.Contains(id!, expected));
        Assert.Equal(output.RowCount, ids.Distinct().Count());
        Assert.Contains("name (direct identifier)", result.Report.DroppedColumns);
    }

    [Fact]
    public void Run_CancelledToken_Stops()
    {
        var data = SyntheticPatients.Generate(2_000, 6, seed: 9);

        Assert.ThrowsAny<OperationCanceledException>(() => Anonymizer.Run(data.Table, data.Policy, cancellationToken: new CancellationToken(canceled: true)));
    }

    private static string Csv(Table table)
    {
        var writer = new StringWriter();
        CsvTable.Write(table, writer);
        return writer.ToString();
    }
}
