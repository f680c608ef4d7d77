namespace EmrMarket.Core.Ingest;

/// <summary>One file's result: its outcome, its records by resource type, and the error when rejected.</summary>
public sealed record IngestFileResult(string Source, IngestOutcome Outcome, IReadOnlyDictionary<string, RecordCounts> ByType, IngestError? Error)
{
    public RecordCounts Total => ByType.Values.Aggregate(RecordCounts.Zero, (a, b) => a + b);
}
