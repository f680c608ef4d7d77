using System.Numerics;

namespace EmrMarket.Deid.Internal;

/// <summary>
/// Computes a node's equivalence classes by rolling up the classes of a node below it (or the
/// distinct base tuples): each source key is translated attribute by attribute through precomputed
/// level maps into the target's packing, then counted — directly in an array when the target's keys
/// fit in <see cref="DenseBits"/> bits, otherwise by radix-partitioned hashing. Large inputs are split
/// over the cores; the classes come out in an order that does not depend on thread timing.
/// </summary>
internal sealed class Groupifier<TKey> where TKey : unmanaged, IBinaryInteger<TKey>
{
    private const int DenseBits = 22;
    private const int ParallelThreshold = 1 << 16;

    private readonly IReadOnlyList<QiAttribute> attributes;
    private readonly int partitions;
    private readonly DenseCounter[] dense;
    private readonly RadixGrouper<TKey> radix;
    private readonly TablePool<TKey>? pool;
    private readonly RadixGrouper<ulong> pairRadix;
    private TKey[] translated = [];
    private ulong[] pairKeys = [];
    private int[] mappingBuffer = [];

    public Groupifier(IReadOnlyList<QiAttribute> attributes, int parallelism, TablePool<TKey>? pool = null)
    {
        this.pool = pool;
        this.attributes = attributes;
        partitions = parallelism >= 2 ? 1 << BitOperations.Log2((uint)parallelism) : 1;
        dense = Enumerable.Range(0, partitions).Select(_ => new DenseCounter()).ToArray();
        radix = new RadixGrouper<TKey>(partitions);
        pairRadix = new RadixGrouper<ulong>(partitions);
    }

    /// <summary>How many tables have been computed.</summary>
    public int Evaluations { get; private set; }

    public ClassTable<TKey> RollUp(ClassTable<TKey> source, int[] levels) => RollUp(source, levels, null);

    /// <summary>Rolls a table up to a node at or above it; <paramref name="mapping"/>, if given, receives each source class's target class.</summary>
    public ClassTable<TKey> RollUp(ClassTable<TKey> source, int[] levels, int[]? mapping)
    {
        Evaluations++;
        var packing = new NodePacking(attributes, levels);
        var n = source.Length;
        if (translated.Length < n) translated = new TKey[n];
        var parts = n >= ParallelThreshold ? partitions : 1;
        Translate(source, levels, packing, parts);

        var map = mapping;
        if (map is null && (source.Sensitive is not null || source.SensitiveSets is not null))
        {
            if (mappingBuffer.Length < n) mappingBuffer = new int[n];
            map = mappingBuffer;
        }
        var (keys, counts, length) = packing.TotalBits <= DenseBits
            ? CountDense(source, packing.TotalBits, parts, map)
            : CountHashed(source, map);
        var table = new ClassTable<TKey>((int[])levels.Clone(), packing, keys, counts, length);
        if (source.Sensitive is { } sensitive)
            table.Sensitive = sensitive.Select(entries => RollUpSensitive(entries, map!)).ToArray();
        if (source.SensitiveSets is { } sets)
            table.SensitiveSets = sets.Select(set => RollUpSets(set, map!, n, length)).ToArray();
        return table;
    }

    private void Translate(ClassTable<TKey> source, int[] levels, NodePacking packing, int parts)
    {
        var dims = attributes.Count;
        var tables = new List<TKey[]>(dims);
        var shifts = new List<int>(dims);
        var masks = new List<TKey>(dims);
        for (var d = 0; d < dims; d++)
        {
            var up = attributes[d].Up[source.Levels[d]][levels[d]];
            if (source.Packing.Bits[d] == 0 && up[0] == 0) continue;
            var table = new TKey[up.Length];
            for (var v = 0; v < up.Length; v++) table[v] = TKey.CreateTruncating(up[v]) << packing.Shifts[d];
            tables.Add(table);
            shifts.Add(source.Packing.Shifts[d]);
            masks.Add((TKey.One << source.Packing.Bits[d]) - TKey.One);
        }
        var t = tables.ToArray();
        var s = shifts.ToArray();
        var m = masks.ToArray();
        var src = source.Keys;
        var dst = translated;
        var n = source.Length;
        if (parts == 1)
        {
            TranslateRange(src, dst, 0, n, t, s, m);
            return;
        }
        Parallel.For(0, parts, part => TranslateRange(src, dst, n * part / parts, n * (part + 1) / parts, t, s, m));
    }

    private static void TranslateRange(TKey[] src, TKey[] dst, int from, int to, TKey[][] tables, int[] shifts, TKey[] masks)
    {
        var dims = tables.Length;
        for (var i = from; i < to; i++)
        {
            var key = src[i];
            var result = TKey.Zero;
            for (var d = 0; d < dims; d++) result |= tables[d][int.CreateTruncating((key >> shifts[d]) & masks[d])];
            dst[i] = result;
        }
    }

    private TKey[] KeyArray(int length) => pool?.RentKeys(length) ?? new TKey[length];

    private int[] CountArray(int length) => pool?.RentCounts(length) ?? new int[length];

    private (TKey[], int[], int) CountDense(ClassTable<TKey> source, int bits, int parts, int[]? mapping)
    {
        var n = source.Length;
        var weights = source.Counts;
        var keys = translated;
        if (parts == 1)
        {
            dense[0].Prepare(bits, n);
            var counter = dense[0];
            for (var i = 0; i < n; i++) counter.Add(int.CreateTruncating(keys[i]), weights[i]);
        }
        else
        {
            Parallel.For(0, parts, part =>
            {
                var counter = dense[part];
                counter.Prepare(bits, n);
                for (int i = n * part / parts, end = n * (part + 1) / parts; i < end; i++)
                    counter.Add(int.CreateTruncating(keys[i]), weights[i]);
            });
            for (var part = 1; part < parts; part++) dense[0].Absorb(dense[part]);
        }

        var total = dense[0];
        var slots = total.Slots;
        var touched = total.Touched;
        var length = total.Count;
        var outKeys = KeyArray(length);
        var outCounts = CountArray(length);
        for (var j = 0; j < total.Count; j++)
        {
            outKeys[j] = TKey.CreateTruncating(touched[j]);
            outCounts[j] = slots[touched[j]];
        }
        if (mapping is not null)
        {
            for (var j = 0; j < total.Count; j++) slots[touched[j]] = j;
            for (var i = 0; i < n; i++) mapping[i] = slots[int.CreateTruncating(keys[i])];
        }
        total.Clear();
        return (outKeys, outCounts, length);
    }

    private (TKey[], int[], int) CountHashed(ClassTable<TKey> source, int[]? mapping)
    {
        var (keys, counts) = radix.Group(translated, source.Counts, source.Length, mapping, KeyArray, CountArray);
        return (keys, counts, radix.LastGroups);
    }

    private static ulong[] RollUpSets(ulong[] sets, int[] mapping, int n, int length)
    {
        var result = new ulong[length];
        for (var i = 0; i < n; i++) result[mapping[i]] |= sets[i];
        return result;
    }

    private SensitiveEntries RollUpSensitive(SensitiveEntries entries, int[] mapping)
    {
        if (pairKeys.Length < entries.Length) pairKeys = new ulong[entries.Length];
        for (var e = 0; e < entries.Length; e++)
        {
            var pair = entries.Pairs[e];
            pairKeys[e] = SensitiveEntries.Pack(mapping[SensitiveEntries.ClassOf(pair)], (int)(uint)pair);
        }
        var (pairs, counts) = pairRadix.Group(pairKeys, entries.Counts, entries.Length, null);
        return new SensitiveEntries(pairs, counts, pairs.Length);
    }
}
