using EmrMarket.Fhir;

namespace EmrMarket.Core.Ingest;

/// <summary>Ingest limits. Bound from the "Ingest" section.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>The largest file accepted; one file is one database transaction.</summary>
    public long MaxFileBytes { get; set; } = new FhirReaderOptions().MaxFileBytes;

    /// <summary>Entries written per round trip to the database.</summary>
    public int ChunkSize { get; set; } = 512;

    /// <summary>Chunks parsed ahead of the writer; bounds memory.</summary>
    public int ReadAhead { get; set; } = 8;
}
