using System.Globalization;
using EmrMarket.Fhir;
using EmrMarket.Fhir.Synthetic;

namespace EmrMarket.Cli.Commands;

public sealed class GenerateCommand : ICommand
{
    public string Name => "generate";

    public string Description => "write synthetic FHIR R4 patients: --out DIR [--seed N] (--patients N | --size 100MB) [--format bundle|ndjson]";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var line = new CommandLine(args, "out", "seed", "patients", "size", "format", "indented");
        var options = new SyntheticOptions
        {
            Seed = ulong.Parse(line.Get("seed") ?? "1", CultureInfo.InvariantCulture),
            Patients = line.Get("patients") is { } patients ? int.Parse(patients, CultureInfo.InvariantCulture) : null,
            TargetBytes = line.Get("size") is { } size ? ParseSize(size) : null,
            Format = line.Get("format") switch
            {
                null or "bundle" => FhirFormat.Bundle,
                "ndjson" => FhirFormat.Ndjson,
                var other => throw new CommandException($"--format {other}: use bundle or ndjson", 64),
            },
            Indented = line.Get("indented") == "true",
        };
        if (options.Patients is null && options.TargetBytes is null) throw new CommandException("give --patients N or --size 100MB", 64);
        var result = await SyntheticGenerator.WriteAsync(line.Require("out"), options, cancellationToken);
        await output.WriteLineAsync($"wrote {result.Patients} patients, {result.Resources} resources, {result.Bytes / 1e6:0.0} MB in {result.Files} files (seed {options.Seed})");
        return 0;
    }

    internal static long ParseSize(string text)
    {
        var units = new (string Suffix, long Factor)[] { ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000), ("B", 1) };
        foreach (var (suffix, factor) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && double.TryParse(text[..^suffix.Length], CultureInfo.InvariantCulture, out var value))
                return (long)(value * factor);
        }
        throw new CommandException($"--size {text}: use a number with B, KB, MB or GB", 64);
    }
}
