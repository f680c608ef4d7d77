namespace EmrMarket.Core.Ingest;

/// <summary>What an upload did: per file, per resource type, and the batch its new records went into.</summary>
public sealed record IngestSummary(IngestProvider Provider, IReadOnlyList<IngestFileResult> Files, IngestBatch? Batch)
{
    public int Accepted => Files.Count(f => f.Outcome == IngestOutcome.Accepted);

    public int Unchanged => Files.Count(f => f.Outcome == IngestOutcome.Unchanged);

    public int Rejected => Files.Count(f => f.Outcome == IngestOutcome.Rejected);

    /// <summary>Records by resource type over the accepted and unchanged files.</summary>
    public IReadOnlyDictionary<string, RecordCounts> ByType => Files
        .Where(f => f.Outcome != IngestOutcome.Rejected)
        .SelectMany(f => f.ByType)
        .GroupBy(kv => kv.Key, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(kv => kv.Value).Aggregate(RecordCounts.Zero, (a, b) => a + b));

    public RecordCounts Records => ByType.Values.Aggregate(RecordCounts.Zero, (a, b) => a + b);

    public IEnumerable<IngestError> Errors => Files.Where(f => f.Error is not null).Select(f => f.Error!);
}
