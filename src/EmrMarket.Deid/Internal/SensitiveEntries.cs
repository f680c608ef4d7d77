namespace EmrMarket.Deid.Internal;

/// <summary>The distinct (class, sensitive value) pairs of a class table and how many records each has.</summary>
internal sealed class SensitiveEntries(int[] classes, int[] values, int[] counts, int length)
{
    public int[] Classes { get; } = classes;

    public int[] Values { get; } = values;

    public int[] Counts { get; } = counts;

    public int Length { get; } = length;
}
