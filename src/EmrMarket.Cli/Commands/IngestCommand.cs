using EmrMarket.Core.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EmrMarket.Cli.Commands;

public sealed class IngestCommand : ICommand
{
    public string Name => "ingest";

    public string Description => "ingest FHIR R4 bundles or NDJSON for a provider: --provider CODE [--create-provider NAME] FILE|FOLDER...";

    public async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var line = new CommandLine(args, "provider", "create-provider");
        var code = line.Require("provider");
        if (line.Positional.Count == 0) throw new CommandException("name the files or folders to ingest", 64);
        IReadOnlyList<IngestSource> sources;
        try
        {
            sources = IngestSources.FromPaths(line.Positional);
        }
        catch (FileNotFoundException e)
        {
            throw new CommandException(e.Message, 66);
        }

        var store = services.GetRequiredService<IIngestStore>();
        try
        {
            if (line.Get("create-provider") is { } name && await store.FindProviderAsync(code, cancellationToken) is null)
            {
                await store.CreateProviderAsync(code, name, cancellationToken);
                await output.WriteLineAsync($"registered provider {code} ({name})");
            }
            var summary = await services.GetRequiredService<IngestService>()
                .IngestAsync(new IngestRequest(code, $"cli:{Environment.UserName}", sources), cancellationToken);
            await PrintAsync(summary, output);
            return summary.Rejected == 0 ? 0 : 65;
        }
        catch (UnknownProviderException e)
        {
            throw new CommandException($"{e.Message}; register it with --create-provider \"Hospital name\"", 67);
        }
        catch (NpgsqlException e)
        {
            throw new CommandException($"cannot reach PostgreSQL: {e.Message}");
        }
    }

    private static async Task PrintAsync(IngestSummary summary, TextWriter output)
    {
        foreach (var error in summary.Errors) await output.WriteLineAsync($"rejected {error}");
        await output.WriteLineAsync($"files: {summary.Accepted} accepted, {summary.Unchanged} unchanged, {summary.Rejected} rejected");
        var records = summary.Records;
        await output.WriteLineAsync($"records: {records.New} new, {records.Updated} updated, {records.Unchanged} unchanged");
        foreach (var (type, counts) in summary.ByType)
            await output.WriteLineAsync($"  {type,-22} {counts.New,8} new {counts.Updated,6} updated {counts.Unchanged,8} unchanged");
        await output.WriteLineAsync(summary.Batch is { } batch
            ? $"batch {batch.Id}: {batch.RecordCount} records, anchor pending"
            : "nothing new was written: every record was already stored with the same content");
    }
}
