namespace EmrMarket.Core.Ingest;

/// <summary>Records new, changed (a new version of a stored record) and unchanged.</summary>
public sealed record RecordCounts(int New, int Updated, int Unchanged)
{
    public static RecordCounts Zero { get; } = new(0, 0, 0);

    public int Written => New + Updated;

    public static RecordCounts operator +(RecordCounts a, RecordCounts b) =>
        new(a.New + b.New, a.Updated + b.Updated, a.Unchanged + b.Unchanged);
}
