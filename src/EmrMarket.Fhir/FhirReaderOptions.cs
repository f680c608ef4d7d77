namespace EmrMarket.Fhir;

/// <summary>Limits that keep the reader's memory bounded whatever it is given.</summary>
public sealed record FhirReaderOptions
{
    /// <summary>The largest file accepted (default 512 MiB). One file is one database transaction, and the
    /// reader's per-file state (ids and references seen) grows with the file, so there has to be a bound.</summary>
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The largest single entry or NDJSON line (default 64 MiB): the read buffer never grows past it.</summary>
    public int MaxEntryBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>The initial read buffer (default 64 KiB).</summary>
    public int BufferBytes { get; init; } = 64 * 1024;
}
