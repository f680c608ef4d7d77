using System.Threading.Channels;
using EmrMarket.Fhir;
using EmrMarket.Fhir.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Ingest;

/// <summary>
/// The ingest use case: reads each file with the streaming FHIR reader on one thread while the store writes the
/// previous chunks on another, commits each file in its own transaction (or rolls it back and carries on with
/// the next), closes the batch, and hands it to <see cref="IBatchAnchor"/>. An HTTP upload is a thin wrapper:
/// <see cref="IngestSource.FromStream"/> in, <see cref="IngestSummary"/> out.
/// </summary>
public sealed class IngestService(IIngestStore store, IBatchAnchor anchor, IOptions<IngestOptions> options, ILogger<IngestService> logger)
{
    public async Task<IngestSummary> IngestAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        var provider = await store.FindProviderAsync(request.ProviderCode, cancellationToken)
            ?? throw new UnknownProviderException(request.ProviderCode);
        var settings = options.Value;
        var channel = Channel.CreateBounded<UnitEvent>(new BoundedChannelOptions(Math.Max(1, settings.ReadAhead)) { SingleReader = true, SingleWriter = true });
        await using var session = await store.OpenSessionAsync(provider, cancellationToken);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAllAsync(request.Sources, channel.Writer, settings, stopReading.Token), CancellationToken.None);
        var results = new List<IngestFileResult>();
        try
        {
            await WriteAllAsync(session, channel.Reader, results, cancellationToken);
        }
        catch
        {
            await stopReading.CancelAsync();
            throw;
        }
        await reading;

        var summary = new IngestSummary(provider, results, null);
        var batch = await session.CloseAsync(request.Actor, summary, cancellationToken);
        if (batch is not null) await anchor.AnchorAsync(batch, cancellationToken);
        logger.LogInformation("Ingest for {Provider}: {Accepted} accepted, {Unchanged} unchanged, {Rejected} rejected files; {Records} records written",
            provider.Code, summary.Accepted, summary.Unchanged, summary.Rejected, summary.Records.Written);
        return summary with { Batch = batch };
    }

    /// <summary>The writing side: one transaction per file.</summary>
    private static async Task WriteAllAsync(IIngestSession session, ChannelReader<UnitEvent> input, List<IngestFileResult> results, CancellationToken cancellationToken)
    {
        UnitState? unit = null;
        await foreach (var item in input.ReadAllAsync(cancellationToken))
        {
            try
            {
                switch (item)
                {
                    case UnitStart start:
                        unit = new UnitState(start.Source);
                        await session.BeginUnitAsync(cancellationToken);
                        break;
                    case UnitChunk chunk when unit is { Failed: null }:
                        Add(unit.Counts, await session.WriteAsync(unit.Source, chunk.Entries, cancellationToken));
                        break;
                    case UnitEnd end when unit is { Failed: null }:
                        await session.VerifyStoredAsync(unit.Source, end.StoreReferences, cancellationToken);
                        await session.CommitUnitAsync(cancellationToken);
                        var written = unit.Counts.Values.Any(c => c.Written > 0);
                        results.Add(new IngestFileResult(unit.Source, written ? IngestOutcome.Accepted : IngestOutcome.Unchanged, unit.Counts, null));
                        break;
                    case UnitFailed failed when unit is not null:
                        await RejectAsync(session, unit, IngestError.From(failed.Error), results, cancellationToken);
                        break;
                }
            }
            catch (FhirException e) when (unit is not null)
            {
                // The store found the problem (a patient or reference not stored): drop the rest of this file.
                await RejectAsync(session, unit, IngestError.From(e), results, cancellationToken);
            }
        }
    }

    private static async Task RejectAsync(IIngestSession session, UnitState unit, IngestError error, List<IngestFileResult> results, CancellationToken cancellationToken)
    {
        if (unit.RolledBack) return;
        unit.Failed = error;
        unit.RolledBack = true;
        await session.RollbackUnitAsync(cancellationToken);
        results.Add(new IngestFileResult(unit.Source, IngestOutcome.Rejected, new Dictionary<string, RecordCounts>(), error));
    }

    private static void Add(Dictionary<string, RecordCounts> into, IReadOnlyDictionary<string, RecordCounts> counts)
    {
        foreach (var (type, count) in counts) into[type] = into.GetValueOrDefault(type, RecordCounts.Zero) + count;
    }

    /// <summary>The reading side: parses every file into chunks; a file's problem ends that file, not the upload.</summary>
    private static async Task ReadAllAsync(IReadOnlyList<IngestSource> sources, ChannelWriter<UnitEvent> output, IngestOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            var readerOptions = new FhirReaderOptions { MaxFileBytes = settings.MaxFileBytes };
            foreach (var source in sources)
            {
                await output.WriteAsync(new UnitStart(source.Name), cancellationToken);
                try
                {
                    await using var stream = await OpenAsync(source, cancellationToken);
                    var reader = new FhirUnitReader(stream, source.Name, source.Format, readerOptions);
                    var chunk = new List<FhirEntry>(settings.ChunkSize);
                    await foreach (var entry in reader.ReadAsync(cancellationToken))
                    {
                        chunk.Add(entry);
                        if (chunk.Count < settings.ChunkSize) continue;
                        await output.WriteAsync(new UnitChunk(chunk), cancellationToken);
                        chunk = new List<FhirEntry>(settings.ChunkSize);
                    }
                    if (chunk.Count > 0) await output.WriteAsync(new UnitChunk(chunk), cancellationToken);
                    await output.WriteAsync(new UnitEnd(reader.StoreReferences), cancellationToken);
                }
                catch (FhirException e)
                {
                    await output.WriteAsync(new UnitFailed(e), cancellationToken);
                }
            }
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    private static async ValueTask<Stream> OpenAsync(IngestSource source, CancellationToken cancellationToken)
    {
        try
        {
            return await source.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FhirException(source.Name, null, FhirErrorCode.Unreadable, e.Message, e);
        }
    }

    private sealed class UnitState(string source)
    {
        public string Source { get; } = source;
        public Dictionary<string, RecordCounts> Counts { get; } = new(StringComparer.Ordinal);
        public IngestError? Failed { get; set; }
        public bool RolledBack { get; set; }
    }

    private abstract record UnitEvent;
    private sealed record UnitStart(string Source) : UnitEvent;
    private sealed record UnitChunk(List<FhirEntry> Entries) : UnitEvent;
    private sealed record UnitEnd(IReadOnlyDictionary<ResourceKey, int> StoreReferences) : UnitEvent;
    private sealed record UnitFailed(FhirException Error) : UnitEvent;
}
