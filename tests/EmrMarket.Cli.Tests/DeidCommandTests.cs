using System.Text.Json;
using EmrMarket.Cli.Commands;
using EmrMarket.Deid.Synthetic;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Cli.Tests;

public sealed class DeidCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("emr-deid-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task RunAsync_SyntheticCsv_WritesOutputReportsAndSummary()
    {
        var input = WriteSynthetic(3000);
        var output = new StringWriter();

        var exit = await CliApp.RunAsync(
        [
            "deid", input, "--qi", "age=builtin:age", "--qi", "zip=builtin:zip", "--qi", $"race={Hierarchy("race")}",
            "--qi", "admission_date=builtin:date", "--sensitive", "diagnosis", "--name", "name",
            "--k", "5", "--l", "2", "--suppression", "0.05", "--metric", "loss", "--out", Path.Combine(folder, "out"),
        ], output);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("status: Anonymized", text);
        Assert.Contains("transformation: age:", text);
        Assert.Contains("time: ", text);
        var table = CsvTable.Read(File.OpenText(Path.Combine(folder, "out", "patients.deid.csv")));
        Assert.Equal(["age", "zip", "race", "admission_date", "diagnosis"], table.Schema.Select(c => c.Name));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "out", "report.json")));
        Assert.Equal(table.RowCount, report.RootElement.GetProperty("outputRows").GetInt32());
        Assert.Equal("distinct 2", report.RootElement.GetProperty("policy").GetProperty("lDiversity").GetString());
        Assert.StartsWith("# De-identification report", await File.ReadAllTextAsync(Path.Combine(folder, "out", "report.md")));
    }

    [Fact]
    public async Task RunAsync_UnsatisfiableDiversity_ReportsNoSolutionAndWritesNoTable()
    {
        var input = WriteSynthetic(200);
        var output = new StringWriter();

        var exit = await CliApp.RunAsync(["deid", input, "--qi", "sex=builtin:suppression", "--sensitive", "sex_copy", "--l", "3", "--out", Path.Combine(folder, "out")], output);

        Assert.Equal(2, exit);
        Assert.Contains("no transformation satisfies 5-anonymity with distinct 3-diversity", output.ToString());
        Assert.False(File.Exists(Path.Combine(folder, "out", "patients.deid.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "out", "report.json")));
    }

    [Fact]
    public async Task RunAsync_ValueMissingFromHierarchy_FailsNamingColumnAndValue()
    {
        var input = WriteSynthetic(100);
        var hierarchy = Path.Combine(folder, "race-partial.csv");
        await File.WriteAllTextAsync(hierarchy, "White;*\n");

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new DeidCommand().RunAsync(null!, [input, "--qi", $"race={hierarchy}", "--out", Path.Combine(folder, "out")], TextWriter.Null, CancellationToken.None));

        Assert.Equal(65, error.ExitCode);
        Assert.Matches("column 'race': value '[^']+' \\(row \\d+\\) is not in its hierarchy", error.Message);
    }

    [Theory]
    [InlineData(new[] { "in.csv", "--out", "o" }, "name at least one quasi-identifier")]
    [InlineData(new[] { "in.csv", "--qi", "age", "--out", "o" }, "--qi takes COLUMN=VALUE")]
    [InlineData(new[] { "in.csv", "--qi", "a=builtin:age", "--k", "five", "--out", "o" }, "--k takes a number")]
    [InlineData(new[] { "in.csv", "--qi", "a=builtin:age", "--metric", "height", "--out", "o" }, "--metric takes one of")]
    [InlineData(new[] { "in.csv", "--qi", "a=builtin:age" }, "--out DIR is required")]
    public async Task RunAsync_BadArguments_ExplainsAndShowsUsage(string[] args, string message)
    {
        var error = await Assert.ThrowsAsync<CommandException>(() => new DeidCommand().RunAsync(null!, args, TextWriter.Null, CancellationToken.None));

        Assert.Equal(64, error.ExitCode);
        Assert.Contains(message, error.Message);
        Assert.Contains("usage: emr deid", error.Message);
    }

    [Fact]
    public async Task RunAsync_NamedColumnNotInFile_ListsTheColumns()
    {
        var input = WriteSynthetic(50);

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new DeidCommand().RunAsync(null!, [input, "--qi", "zipcode=builtin:zip", "--out", folder], TextWriter.Null, CancellationToken.None));

        Assert.Contains("column 'zipcode' is not in the table (columns: patient_id, name, age", error.Message);
    }

    [Fact]
    public async Task RunAsync_NoArguments_ListsTheDeidCommand()
    {
        var output = new StringWriter();

        await CliApp.RunAsync([], output);

        Assert.Contains("deid", output.ToString());
    }

    private string WriteSynthetic(int rows)
    {
        var data = SyntheticPatients.Generate(rows, 8, seed: 5);
        var table = data.Table;
        var sex = table.RequireColumn("sex");
        var withCopy = new Table(
            [.. table.Schema, new ColumnSchema("sex_copy")],
            [.. Enumerable.Range(0, table.Schema.Count).Select(c => table.Column(c).ToArray()), table.Column(sex).ToArray()]);
        var path = Path.Combine(folder, "patients.csv");
        using (var writer = new StreamWriter(path)) CsvTable.Write(withCopy, writer);
        foreach (var (column, hierarchy) in data.Hierarchies)
        {
            using var writer = new StreamWriter(Hierarchy(column));
            hierarchy.WriteCsv(writer);
        }
        return path;
    }

    private string Hierarchy(string column) => Path.Combine(folder, $"{column}.csv");
}
