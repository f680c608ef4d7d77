namespace EmrMarket.Deid.Internal;

/// <summary>The distinct (class, sensitive value) pairs of a class table, packed as <c>class &lt;&lt; 32 | value</c>, and how many records each has.</summary>
internal sealed class SensitiveEntries(ulong[] pairs, int[] counts, int length)
{
    public ulong[] Pairs { get; } = pairs;

    public int[] Counts { get; } = counts;

    public int Length { get; } = length;

    public static ulong Pack(int @class, int value) => ((ulong)(uint)@class << 32) | (uint)value;

    public static int ClassOf(ulong pair) => (int)(pair >> 32);
}
