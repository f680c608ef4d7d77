namespace EmrMarket.Deid.Internal;

/// <summary>Counts records per key when a node's packed keys are small enough to index an array directly; remembers first-touch order.</summary>
internal sealed class DenseCounter
{
    private int[] counts = [];
    private int[] touched = [];

    public int Count { get; private set; }

    public int[] Slots => counts;

    public int[] Touched => touched;

    public void Prepare(int bits, int maxKeys)
    {
        var size = 1 << bits;
        if (counts.Length < size) counts = new int[size];
        var needed = Math.Min(size, Math.Max(1, maxKeys));
        if (touched.Length < needed) touched = new int[Math.Max(needed, Math.Min(size, touched.Length * 2))];
    }

    public void Add(int key, int weight)
    {
        ref var count = ref counts[key];
        if (count == 0) touched[Count++] = key;
        count += weight;
    }

    /// <summary>Adds another counter's keys, in its order, and clears it.</summary>
    public void Absorb(DenseCounter other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            var key = other.touched[i];
            Add(key, other.counts[key]);
            other.counts[key] = 0;
        }
        other.Count = 0;
    }

    public void Clear()
    {
        for (var i = 0; i < Count; i++) counts[touched[i]] = 0;
        Count = 0;
    }
}
