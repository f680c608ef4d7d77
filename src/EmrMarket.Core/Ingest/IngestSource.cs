using EmrMarket.Fhir;

namespace EmrMarket.Core.Ingest;

/// <summary>One file or upload to ingest: a name for messages, its format, and a way to open it.</summary>
public sealed record IngestSource(string Name, FhirFormat Format, Func<CancellationToken, ValueTask<Stream>> OpenAsync)
{
    /// <summary>A file on disk, named by its file name (never its full path) in messages.</summary>
    public static IngestSource FromFile(string path, FhirFormat format) => new(
        Path.GetFileName(path), format,
        _ => ValueTask.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan)));

    /// <summary>An upload's body, read once.</summary>
    public static IngestSource FromStream(string name, FhirFormat format, Stream stream) => new(name, format, _ => ValueTask.FromResult(stream));
}
