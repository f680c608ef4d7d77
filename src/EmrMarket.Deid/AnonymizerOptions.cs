namespace EmrMarket.Deid;

/// <summary>Engine settings that change speed and memory, never the result.</summary>
public sealed record AnonymizerOptions
{
    /// <summary>Threads to use (rounded down to a power of two); defaults to the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Memory for cached equivalence-class tables, in bytes.</summary>
    public long ClassCacheBytes { get; init; } = 192L << 20;
}
