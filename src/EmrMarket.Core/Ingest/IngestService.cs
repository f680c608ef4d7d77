using System.Threading.Channels;
using EmrMarket.Core.Ingest.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmrMarket.Core.Ingest;

/// <summary>
/// The ingest use case: reads the files with the streaming FHIR reader on one thread while the store writes on
/// another; small files are written in groups, many to a transaction but each stored whole or not at all, and a
/// file too large to hold is streamed in a transaction of its own. A rejected file does not stop the upload.
/// Then the batch is closed and handed to <see cref="IBatchAnchor"/>. An HTTP upload is a thin wrapper:
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
        var reader = new IngestReader(settings, channel.Writer);
        var reading = Task.Run(() => reader.ReadAllAsync(request.Sources, stopReading.Token), CancellationToken.None);
        var writer = new IngestWriter(session);
        try
        {
            await writer.WriteAllAsync(channel.Reader, cancellationToken);
        }
        catch
        {
            await stopReading.CancelAsync();
            throw;
        }
        await reading;

        var summary = new IngestSummary(provider, writer.Results, null);
        var batch = await session.CloseAsync(request.Actor, summary, cancellationToken);
        if (batch is not null) await anchor.AnchorAsync(batch, cancellationToken);
        logger.LogInformation("Ingest for {Provider}: {Accepted} accepted, {Unchanged} unchanged, {Rejected} rejected files; {Records} records written",
            provider.Code, summary.Accepted, summary.Unchanged, summary.Rejected, summary.Records.Written);
        return summary with { Batch = batch };
    }
}
