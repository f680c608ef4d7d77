using System.Threading.Channels;
using EmrMarket.Fhir;

namespace EmrMarket.Core.Ingest.Internal;

/// <summary>
/// The reading side: parses every file. A file that ends within one chunk is kept whole and added to a group of
/// such files, handed on once the group reaches <see cref="IngestOptions.GroupBytes"/> or
/// <see cref="IngestOptions.GroupFiles"/>; a longer file is streamed chunk by chunk. A file's problem ends that
/// file, not the upload.
/// </summary>
internal sealed class IngestReader(IngestOptions settings, ChannelWriter<UnitEvent> output)
{
    private readonly FhirReaderOptions _readerOptions = new() { MaxFileBytes = settings.MaxFileBytes };
    private List<GroupItem> _group = [];
    private long _groupBytes;

    public async Task ReadAllAsync(IReadOnlyList<IngestSource> sources, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var source in sources) await ReadAsync(source, cancellationToken);
            await FlushGroupAsync(cancellationToken);
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    private async Task ReadAsync(IngestSource source, CancellationToken cancellationToken)
    {
        var streaming = false;
        try
        {
            await using var stream = await OpenAsync(source, cancellationToken);
            var reader = new FhirUnitReader(stream, source.Name, source.Format, _readerOptions);
            var chunk = new List<FhirEntry>();
            long chunkBytes = 0;
            await foreach (var entry in reader.ReadAsync(cancellationToken))
            {
                chunk.Add(entry);
                chunkBytes += entry.Resource.Canonical.Length;
                if (chunk.Count < settings.ChunkSize && chunkBytes < settings.GroupBytes) continue;
                if (!streaming)
                {
                    await FlushGroupAsync(cancellationToken);
                    await output.WriteAsync(new UnitStart(source.Name), cancellationToken);
                    streaming = true;
                }
                await output.WriteAsync(new UnitChunk(chunk), cancellationToken);
                chunk = [];
                chunkBytes = 0;
            }
            if (streaming)
            {
                if (chunk.Count > 0) await output.WriteAsync(new UnitChunk(chunk), cancellationToken);
                await output.WriteAsync(new UnitEnd(reader.StoreReferences), cancellationToken);
            }
            else
            {
                await AddAsync(new GroupItem(source.Name, new IngestUnit(source.Name, chunk, reader.StoreReferences), null), chunkBytes, cancellationToken);
            }
        }
        catch (FhirException e)
        {
            if (streaming) await output.WriteAsync(new UnitFailed(e), cancellationToken);
            else await AddAsync(new GroupItem(source.Name, null, e), 0, cancellationToken);
        }
    }

    private async Task AddAsync(GroupItem item, long bytes, CancellationToken cancellationToken)
    {
        _group.Add(item);
        _groupBytes += bytes;
        if (_group.Count >= settings.GroupFiles || _groupBytes >= settings.GroupBytes) await FlushGroupAsync(cancellationToken);
    }

    private async Task FlushGroupAsync(CancellationToken cancellationToken)
    {
        if (_group.Count == 0) return;
        await output.WriteAsync(new UnitGroup(_group), cancellationToken);
        _group = [];
        _groupBytes = 0;
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
}
