using System.Buffers;
using System.Numerics;

namespace EmrMarket.Deid.Internal;

/// <summary>
/// Recycles the arrays of large class tables that the search uses once and drops (those the cache
/// does not keep), so a run does not churn the large-object heap. Tables the cache keeps are never
/// returned: the search may still hold one after the cache lets go of it.
/// </summary>
internal sealed class TablePool<TKey> where TKey : unmanaged, IBinaryInteger<TKey>
{
    private readonly ArrayPool<TKey> keys = ArrayPool<TKey>.Create(1 << 28, 8);
    private readonly ArrayPool<int> counts = ArrayPool<int>.Create(1 << 28, 8);

    public TKey[] RentKeys(int length) => keys.Rent(Math.Max(1, length));

    public int[] RentCounts(int length) => counts.Rent(Math.Max(1, length));

    /// <summary>Returns a table's arrays unless the cache keeps it.</summary>
    public void Discard(ClassTable<TKey>? table)
    {
        if (table is null || table.Cached || table.Returned) return;
        table.Returned = true;
        keys.Return(table.Keys);
        counts.Return(table.Counts);
    }
}
