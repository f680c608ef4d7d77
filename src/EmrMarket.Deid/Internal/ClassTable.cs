using System.Numerics;
using System.Runtime.CompilerServices;

namespace EmrMarket.Deid.Internal;

/// <summary>
/// The equivalence classes of one lattice node: each class's packed generalized tuple and its record
/// count, plus, for l-diversity, the distinct (class, sensitive value) pairs with their counts.
/// </summary>
internal sealed class ClassTable<TKey>(int[] levels, NodePacking packing, TKey[] keys, int[] counts, int length)
    where TKey : unmanaged, IBinaryInteger<TKey>
{
    public int[] Levels { get; } = levels;

    public NodePacking Packing { get; } = packing;

    public TKey[] Keys { get; } = keys;

    public int[] Counts { get; } = counts;

    public int Length { get; } = length;

    public SensitiveEntries[]? Sensitive { get; set; }

    /// <summary>
    /// For distinct l-diversity over at most 64 sensitive values: per sensitive column, the set of
    /// values in each class as a bit mask, rolled up by OR instead of regrouping (class, value) pairs.
    /// </summary>
    public ulong[][]? SensitiveSets { get; set; }

    /// <summary>Whether the cache has kept this table (its arrays are then never recycled).</summary>
    public bool Cached { get; set; }

    /// <summary>Whether its arrays went back to the pool; it must not be read any more.</summary>
    public bool Returned { get; set; }

    public long Bytes
    {
        get
        {
            long bytes = (long)Length * (Unsafe.SizeOf<TKey>() + sizeof(int));
            foreach (var entries in Sensitive ?? []) bytes += entries.Length * (long)(sizeof(ulong) + sizeof(int));
            bytes += (SensitiveSets?.Length ?? 0) * (long)Length * sizeof(ulong);
            return bytes;
        }
    }

    public int Code(int index, int attribute)
    {
        var bits = Packing.Bits[attribute];
        if (bits == 0) return 0;
        var mask = (TKey.One << bits) - TKey.One;
        return int.CreateTruncating((Keys[index] >> Packing.Shifts[attribute]) & mask);
    }

    public bool IsAtOrBelow(ReadOnlySpan<int> levels)
    {
        for (var d = 0; d < levels.Length; d++)
            if (Levels[d] > levels[d]) return false;
        return true;
    }
}
