using System.Buffers;
using System.Runtime.CompilerServices;
using EmrMarket.Fhir.Internal;
using EmrMarket.Fhir.Model;

namespace EmrMarket.Fhir;

/// <summary>
/// Streams the resources of one file, a Bundle (transaction, batch or collection; FHIR R4 §2.36) or an NDJSON
/// export file (FHIR Bulk Data Access IG), through a pooled buffer that only ever holds the entry being read:
/// the file is never loaded whole. References are resolved within the file (<see cref="FhirEntry"/>); what the
/// file refers to but does not hold is listed in <see cref="StoreReferences"/> once reading has finished.
/// Every problem is a <see cref="FhirException"/> naming the file and the entry.
/// </summary>
/// <param name="stream">The file's bytes.</param>
/// <param name="sourceName">The name used in errors (a file name, not a path with patient data in it).</param>
/// <param name="format">Bundle or NDJSON.</param>
/// <param name="options">Size limits.</param>
public sealed class FhirUnitReader(Stream stream, string sourceName, FhirFormat format, FhirReaderOptions? options = null)
{
    private readonly FhirReaderOptions _options = options ?? new FhirReaderOptions();
    private UnitResolver? _resolver;

    /// <summary>Resources the file refers to by relative reference but does not hold, with the first entry
    /// referring to each: they must have been stored before for the same provider. Complete after reading.</summary>
    public IReadOnlyDictionary<ResourceKey, int> StoreReferences => _resolver?.StoreReferences ?? new Dictionary<ResourceKey, int>();

    /// <summary>How many entries repeated an earlier entry exactly and were skipped.</summary>
    public int Duplicates => _resolver?.Duplicates ?? 0;

    /// <summary>The largest read buffer used so far, in bytes: bounded by the largest entry, not the file.</summary>
    public int PeakBufferBytes { get; private set; }

    /// <summary>Reads the file, yielding each resource once its patient and encounter are resolved.</summary>
    /// <exception cref="FhirException">The file, or one of its entries, cannot be ingested.</exception>
    public async IAsyncEnumerable<FhirEntry> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (stream.CanSeek && stream.Length > _options.MaxFileBytes)
            throw TooLarge(stream.Length);
        var parser = new EntryParser(sourceName);
        var resolver = _resolver = new UnitResolver(parser, holdForwardReferences: format == FhirFormat.Bundle);
        var bundle = format == FhirFormat.Bundle ? new BundleScanner(sourceName) : null;
        var ndjson = format == FhirFormat.Ndjson ? new NdjsonScanner(sourceName) : null;
        var ready = new List<FhirEntry>();
        void OnEntry(int index, ReadOnlyMemory<byte> bytes) => resolver.Accept(
            bundle is null ? parser.ParseResource(index, bytes) : parser.ParseBundleEntry(index, bytes), ready);

        var buffer = ArrayPool<byte>.Shared.Rent(_options.BufferBytes);
        try
        {
            int start = 0, end = 0;
            long discarded = 0, total = 0;
            var final = false;
            var first = true;
            while (true)
            {
                if (!final)
                {
                    if (end == buffer.Length)
                    {
                        if (start > 0)
                        {
                            buffer.AsSpan(start, end - start).CopyTo(buffer);
                            end -= start;
                            discarded += start;
                            start = 0;
                        }
                        else
                        {
                            buffer = Grow(buffer);
                        }
                    }
                    var read = await ReadSomeAsync(buffer.AsMemory(end), cancellationToken);
                    final = read == 0;
                    end += read;
                    total += read;
                    if (total > _options.MaxFileBytes) throw TooLarge(total);
                    if (first && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) start = 3; // UTF-8 BOM
                    if (end >= 3 || final) first = false;
                }
                PeakBufferBytes = Math.Max(PeakBufferBytes, buffer.Length);
                var unconsumed = buffer.AsMemory(start, end - start);
                start += bundle is not null
                    ? bundle.Scan(unconsumed, final, OnEntry, discarded + start)
                    : ndjson!.Scan(unconsumed, final, OnEntry);
                foreach (var entry in ready) yield return entry;
                ready.Clear();
                if (final || bundle is { Done: true }) break;
            }
            if (bundle is not null && !bundle.Done)
                throw new FhirException(sourceName, null, FhirErrorCode.MalformedJson, "the file ends inside the Bundle");
            if (bundle is not null && end > start && !buffer.AsSpan(start, end - start).Trim(" \t\r\n"u8).IsEmpty)
                throw new FhirException(sourceName, null, FhirErrorCode.MalformedJson, "content after the end of the Bundle");
            resolver.Complete(ready);
            foreach (var entry in ready) yield return entry;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<int> ReadSomeAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(destination, cancellationToken);
        }
        catch (IOException e)
        {
            throw new FhirException(sourceName, null, FhirErrorCode.Unreadable, e.Message, e);
        }
    }

    private byte[] Grow(byte[] buffer)
    {
        if (buffer.Length >= _options.MaxEntryBytes)
            throw new FhirException(sourceName, null, FhirErrorCode.TooLarge, $"an entry is larger than the {_options.MaxEntryBytes / (1024 * 1024)} MiB limit for one resource");
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxEntryBytes));
        buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    private FhirException TooLarge(long length) => new(sourceName, null, FhirErrorCode.TooLarge,
        $"the file is {Megabytes(length)} or more, over the {Megabytes(_options.MaxFileBytes)} limit for one file (one file is one transaction); split it into smaller bundles or NDJSON files");

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):0.#} MiB";
}
