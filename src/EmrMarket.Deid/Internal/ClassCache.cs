using System.Numerics;

namespace EmrMarket.Deid.Internal;

/// <summary>
/// Recently computed class tables, kept within a memory budget (least recently used go first), so a
/// node can be rolled up from the smallest cached table below it instead of from the base tuples.
/// </summary>
internal sealed class ClassCache<TKey>(ClassTable<TKey> baseTable, long budgetBytes) where TKey : unmanaged, IBinaryInteger<TKey>
{
    private readonly List<(ClassTable<TKey> Table, long LastUse)> entries = [];
    private long bytes;
    private long clock;

    public ClassTable<TKey> Base { get; } = baseTable;

    /// <summary>The smallest cached table at or below a node.</summary>
    public ClassTable<TKey> SourceFor(ReadOnlySpan<int> levels)
    {
        var best = Base;
        var bestIndex = -1;
        for (var i = 0; i < entries.Count; i++)
        {
            var table = entries[i].Table;
            if (table.Length < best.Length && table.IsAtOrBelow(levels))
            {
                best = table;
                bestIndex = i;
            }
        }
        if (bestIndex >= 0) entries[bestIndex] = (best, ++clock);
        return best;
    }

    public void Add(ClassTable<TKey> table)
    {
        var size = table.Bytes;
        if (size > budgetBytes / 4 || (long)table.Length * 5 > (long)Base.Length * 4) return;
        table.Cached = true;
        entries.Add((table, ++clock));
        bytes += size;
        while (bytes > budgetBytes && entries.Count > 0)
        {
            var oldest = 0;
            for (var i = 1; i < entries.Count; i++)
                if (entries[i].LastUse < entries[oldest].LastUse) oldest = i;
            bytes -= entries[oldest].Table.Bytes;
            entries.RemoveAt(oldest);
        }
    }
}
