using System.Numerics;
using System.Runtime.CompilerServices;

namespace EmrMarket.Deid.Internal;

/// <summary>
/// An open-addressing map from packed key to record count that remembers first-insertion order,
/// reused across evaluations (only the slots used are cleared). A count of 0 marks an empty slot.
/// </summary>
internal sealed class HashCounter<TKey> where TKey : unmanaged, IBinaryInteger<TKey>
{
    private TKey[] keys = [];
    private int[] counts = [];
    private int[] order = [];
    private int[] ranks = [];
    private int slotBits;
    private int mask;
    private int partitionBits;

    public int Count { get; private set; }

    public void Prepare(int expected, int partitionBits)
    {
        this.partitionBits = partitionBits;
        slotBits = Math.Max(4, 64 - BitOperations.LeadingZeroCount((ulong)Math.Max(1, expected) * 2 - 1));
        Allocate();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(TKey key, ulong hash, int weight)
    {
        var slot = (int)((hash << partitionBits) >> (64 - slotBits));
        while (true)
        {
            ref var count = ref counts[slot];
            if (count == 0)
            {
                keys[slot] = key;
                count = weight;
                order[Count++] = slot;
                if (Count * 10 > (mask + 1) * 7) Grow();
                return;
            }
            if (keys[slot] == key)
            {
                count += weight;
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The insertion rank of a key that is in the map.</summary>
    public int RankOf(TKey key, ulong hash)
    {
        var slot = (int)((hash << partitionBits) >> (64 - slotBits));
        while (keys[slot] != key || counts[slot] == 0) slot = (slot + 1) & mask;
        return ranks[slot];
    }

    public void ComputeRanks()
    {
        if (ranks.Length < counts.Length) ranks = new int[counts.Length];
        for (var i = 0; i < Count; i++) ranks[order[i]] = i;
    }

    public TKey KeyAt(int rank) => keys[order[rank]];

    public int CountAt(int rank) => counts[order[rank]];

    public void Clear()
    {
        for (var i = 0; i < Count; i++) counts[order[i]] = 0;
        Count = 0;
    }

    private void Allocate()
    {
        var capacity = 1 << slotBits;
        mask = capacity - 1;
        if (counts.Length >= capacity) return;
        keys = new TKey[capacity];
        counts = new int[capacity];
        order = new int[capacity];
    }

    private void Grow()
    {
        var oldKeys = new TKey[Count];
        var oldCounts = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            oldKeys[i] = keys[order[i]];
            oldCounts[i] = counts[order[i]];
        }
        Clear();
        slotBits++;
        Allocate();
        for (var i = 0; i < oldKeys.Length; i++) Add(oldKeys[i], KeyHash<TKey>.Of(oldKeys[i]), oldCounts[i]);
    }
}
