using System.Globalization;
using EmrMarket.Deid;
using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Identifiers;
using EmrMarket.Deid.Pseudonyms;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Cli.Commands;

/// <summary>
/// <c>emr deid</c>: de-identifies any CSV table with EmrMarket.Deid and writes the output table, the
/// report as JSON and Markdown, and a summary with the chosen transformation and timings. Exit codes:
/// 0 released, 2 no transformation satisfies the model, 3 identifiers found (output withheld),
/// 64 bad arguments, 65 bad data.
/// </summary>
public sealed class DeidCommand : ICommand
{
    public string Name => "deid";

    public string Description => "de-identify a CSV table (Safe Harbor, optimal k-anonymity) and report its risk";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var arguments = DeidArguments.Parse(args);
        try
        {
            var secret = await LoadSecretAsync(arguments, cancellationToken);
            var table = ReadTable(arguments, out var leftOut);
            var policy = new DeidPolicy
            {
                QuasiIdentifiers = arguments.QuasiIdentifiers.Select(q => new QuasiIdentifier(q.Column, HierarchySource.Parse(q.Hierarchy, q.Column))).ToList(),
                K = arguments.K,
                LDiversity = arguments.L is { } l ? new LDiversity(l, arguments.LVariant) : null,
                SuppressionLimit = arguments.Suppression,
                Metric = arguments.Metric,
                SafeHarbor = arguments.SafeHarbor,
                PseudonymColumn = arguments.Pseudonym,
                DateShiftDays = arguments.DateShiftDays,
            };
            var result = Anonymizer.Run(table, policy, secret, cancellationToken: cancellationToken);
            var written = await WriteAsync(arguments, result, cancellationToken);
            if (leftOut.Count > 0) await output.WriteLineAsync($"left out (not named by an option): {string.Join(", ", leftOut)}");
            await PrintAsync(output, result, written);
            return result.Status switch
            {
                AnonymizationStatus.Anonymized => 0,
                AnonymizationStatus.NoSolution => 2,
                _ => 3,
            };
        }
        catch (DeidException e)
        {
            throw new CommandException(e.Message, 65);
        }
    }

    private static async Task<DatasetSecret?> LoadSecretAsync(DeidArguments arguments, CancellationToken cancellationToken)
    {
        if (arguments.Pseudonym is null && arguments.DateShiftDays == 0) return null;
        if (arguments.SecretFile is { } file)
        {
            if (!File.Exists(file)) throw new CommandException($"secret file '{file}' does not exist", 66);
            return DatasetSecret.FromHex(await File.ReadAllTextAsync(file, cancellationToken));
        }
        return Environment.GetEnvironmentVariable("EMR_DEID_SECRET") is { Length: > 0 } hex
            ? DatasetSecret.FromHex(hex)
            : throw new CommandException("pseudonyms and date shifts need the dataset's secret: --secret-file FILE or EMR_DEID_SECRET (hex)", 64);
    }

    /// <summary>Reads the CSV, keeps only the columns the arguments name, and gives each its role and identifier kind.</summary>
    private static Table ReadTable(DeidArguments arguments, out List<string> leftOut)
    {
        leftOut = [];
        if (!File.Exists(arguments.Input)) throw new CommandException($"input file '{arguments.Input}' does not exist", 66);
        Table raw;
        using (var reader = new StreamReader(arguments.Input)) raw = CsvTable.Read(reader, arguments.Separator);
        var quasi = arguments.QuasiIdentifiers.ToDictionary(q => q.Column, q => q.Hierarchy, StringComparer.Ordinal);
        var named = quasi.Keys.Concat(arguments.Sensitive).Concat(arguments.Keep).Concat(arguments.Names)
            .Concat(arguments.Pseudonym is { } p ? [p] : []).Concat(arguments.Kinds.Keys);
        foreach (var column in named) raw.RequireColumn(column);

        var schema = new List<ColumnSchema>();
        var cells = new List<string?[]>();
        for (var c = 0; c < raw.Schema.Count; c++)
        {
            var name = raw.Schema[c].Name;
            ColumnSchema? column = null;
            if (quasi.TryGetValue(name, out var hierarchy)) column = QuasiIdentifierSchema(name, hierarchy);
            else if (arguments.Sensitive.Contains(name)) column = new ColumnSchema(name, ColumnRole.Sensitive);
            else if (arguments.Names.Contains(name)) column = new ColumnSchema(name, ColumnRole.DirectIdentifier, Kind: IdentifierKind.Name);
            else if (name == arguments.Pseudonym) column = new ColumnSchema(name, ColumnRole.DirectIdentifier, Kind: IdentifierKind.OtherUniqueIdentifier);
            else if (arguments.Keep.Contains(name)) column = new ColumnSchema(name, ColumnRole.Insensitive);
            if (column is null)
            {
                leftOut.Add(name);
                continue;
            }
            if (arguments.Kinds.TryGetValue(name, out var kind)) column = column with { Kind = ParseKind(name, kind) };
            schema.Add(column);
            cells.Add(raw.Column(c).ToArray());
        }
        return new Table(schema, cells);
    }

    private static ColumnSchema QuasiIdentifierSchema(string name, string hierarchy) => hierarchy.ToLowerInvariant() switch
    {
        "builtin:zip" => new ColumnSchema(name, ColumnRole.QuasiIdentifier, ColumnType.String, IdentifierKind.ZipCode),
        "builtin:date" => new ColumnSchema(name, ColumnRole.QuasiIdentifier, ColumnType.Date, IdentifierKind.Date),
        "builtin:age" => new ColumnSchema(name, ColumnRole.QuasiIdentifier, ColumnType.Integer, IdentifierKind.Age),
        _ => new ColumnSchema(name, ColumnRole.QuasiIdentifier),
    };

    private static IdentifierKind ParseKind(string column, string kind) => kind.ToLowerInvariant() switch
    {
        "zip" => IdentifierKind.ZipCode,
        "date" => IdentifierKind.Date,
        "age" => IdentifierKind.Age,
        _ when Enum.TryParse<IdentifierKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) => parsed,
        _ => throw new CommandException($"--kind {column}={kind}: the kinds are zip, date, age or one of {string.Join(", ", Enum.GetNames<IdentifierKind>())}", 64),
    };

    private static async Task<List<string>> WriteAsync(DeidArguments arguments, AnonymizationResult result, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(arguments.Out);
        var table = Path.Combine(arguments.Out, Path.GetFileNameWithoutExtension(arguments.Input) + ".deid.csv");
        var written = new List<string>();
        if (result.Output is { } output)
        {
            await using var writer = new StreamWriter(table);
            CsvTable.Write(output, writer);
            written.Add(table);
        }
        else if (File.Exists(table))
        {
            File.Delete(table);
        }
        var json = Path.Combine(arguments.Out, "report.json");
        var markdown = Path.Combine(arguments.Out, "report.md");
        await File.WriteAllTextAsync(json, result.Report.ToJson(), cancellationToken);
        await File.WriteAllTextAsync(markdown, result.Report.ToMarkdown(), cancellationToken);
        written.AddRange([json, markdown]);
        return written;
    }

    private static async Task PrintAsync(TextWriter output, AnonymizationResult result, List<string> written)
    {
        var report = result.Report;
        var stats = result.Statistics;
        var lines = new List<string> { $"status: {report.Status}: {report.Summary}" };
        if (result.Transformation is { } transformation) lines.Add($"transformation: {transformation}");
        if (report.InformationLoss is { } loss)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"suppressed: {report.SuppressedRecords:N0} of {report.InputRows:N0} records; {loss.Metric}: {loss.Value:0.######} (Loss {loss.Loss:0.######})"));
        }
        if (report.OutputRisk is { } risk)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"risk: prosecutor highest {risk.ProsecutorHighest:0.####%} (input {report.InputRisk.ProsecutorHighest:0.####%}), average {risk.ProsecutorAverage:0.####%}, records in classes < 11: {risk.RecordsInClassesBelow11:0.##%}"));
        }
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"search: {stats.NodesChecked:N0} of {stats.LatticeSize:N0} transformations checked, {stats.DistinctTuples:N0} distinct tuples"));
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"time: {stats.Total.TotalSeconds:0.000} s (encoding {stats.Encoding.TotalSeconds:0.000} s, search {stats.Search.TotalSeconds:0.000} s, output {stats.Output.TotalSeconds:0.000} s)"));
        lines.Add($"wrote: {string.Join(", ", written)}");
        foreach (var line in lines) await output.WriteLineAsync(line);
    }
}
