using EmrMarket.Fhir;

namespace EmrMarket.Core.Ingest;

/// <summary>Ingest limits. Bound from the "Ingest" section.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>The largest file accepted; a file too large for one chunk is one database transaction.</summary>
    public long MaxFileBytes { get; set; } = new FhirReaderOptions().MaxFileBytes;

    /// <summary>Entries a file may have and still be written whole with others; a longer file is streamed in chunks of this size.</summary>
    public int ChunkSize { get; set; } = 512;

    /// <summary>Canonical JSON bytes at which a group of whole files is written (one transaction, one COPY per table).</summary>
    public long GroupBytes { get; set; } = 2L * 1024 * 1024;

    /// <summary>Files at which a group is written, whatever its size.</summary>
    public int GroupFiles { get; set; } = 64;

    /// <summary>Groups or chunks parsed ahead of the writer; with the group size, bounds memory.</summary>
    public int ReadAhead { get; set; } = 1;
}
