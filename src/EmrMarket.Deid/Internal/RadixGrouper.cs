using System.Numerics;
using System.Runtime.CompilerServices;

namespace EmrMarket.Deid.Internal;

/// <summary>
/// Groups many keys by value: scatters them into buckets by the top bits of their hash (so each
/// bucket's hash table stays in cache), then counts each bucket. Groups come out bucket by bucket,
/// in order of first appearance within a bucket, which is the same for any number of threads (the
/// input is split into contiguous halves and the halves' items keep their order in each bucket).
/// </summary>
internal sealed class RadixGrouper<TKey> where TKey : unmanaged, IBinaryInteger<TKey>
{
    private const int TargetBucketSize = 4096;

    private readonly int threads;
    private readonly Scratch[] scratch;
    private TKey[] scatteredKeys = [];
    private int[] scatteredWeights = [];
    private int[] scatteredIndex = [];
    private int[] localRank = [];

    public RadixGrouper(int parallelism)
    {
        threads = Math.Max(1, parallelism);
        scratch = Enumerable.Range(0, threads).Select(_ => new Scratch()).ToArray();
    }

    /// <summary>Groups <paramref name="keys"/>[0..n) with <paramref name="weights"/> (null: 1 each); <paramref name="mapping"/>, if given, receives each item's group.</summary>
    public (TKey[] Keys, int[] Counts) Group(TKey[] keys, int[]? weights, int n, int[]? mapping) =>
        Group(keys, weights, n, mapping, static length => new TKey[length], static length => new int[length]);

    /// <summary>As <see cref="Group(TKey[], int[], int, int[])"/>, with the output arrays (at least as long as the groups) from the given allocators.</summary>
    public (TKey[] Keys, int[] Counts) Group(TKey[] keys, int[]? weights, int n, int[]? mapping, Func<int, TKey[]> keyArray, Func<int, int[]> countArray)
    {
        var bucketBits = Math.Clamp(BitOperations.Log2((uint)Math.Max(1, n / TargetBucketSize)) + 1, 0, 14);
        var buckets = 1 << bucketBits;
        var parts = n >= 1 << 15 ? threads : 1;
        if (scatteredKeys.Length < n)
        {
            scatteredKeys = new TKey[n];
            scatteredWeights = new int[n];
            scatteredIndex = new int[n];
            localRank = new int[n];
        }

        // Histogram per part, then per-part offsets inside each bucket so the scatter is stable.
        var histograms = new int[parts][];
        ForParts(parts, part =>
        {
            var histogram = histograms[part] = new int[buckets + 1];
            var (from, to) = Range(n, part, parts);
            for (var i = from; i < to; i++) histogram[Bucket(keys[i], bucketBits)]++;
        });
        var bucketStart = new int[buckets + 1];
        var cursors = new int[parts][];
        for (var part = 0; part < parts; part++) cursors[part] = new int[buckets];
        var offset = 0;
        for (var b = 0; b < buckets; b++)
        {
            bucketStart[b] = offset;
            for (var part = 0; part < parts; part++)
            {
                cursors[part][b] = offset;
                offset += histograms[part][b];
            }
        }
        bucketStart[buckets] = offset;
        ForParts(parts, part =>
        {
            var cursor = cursors[part];
            var (from, to) = Range(n, part, parts);
            for (var i = from; i < to; i++)
            {
                var at = cursor[Bucket(keys[i], bucketBits)]++;
                scatteredKeys[at] = keys[i];
                scatteredWeights[at] = weights is null ? 1 : weights[i];
                scatteredIndex[at] = i;
            }
        });

        // Count each bucket; its distinct keys are written over the front of its own slice.
        var distinct = new int[buckets];
        ForParts(parts, part =>
        {
            var (from, to) = Range(buckets, part, parts);
            for (var b = from; b < to; b++) distinct[b] = scratch[part].CountBucket(scatteredKeys, scatteredWeights, localRank, bucketStart[b], bucketStart[b + 1]);
        });
        var groupStart = new int[buckets + 1];
        for (var b = 0; b < buckets; b++) groupStart[b + 1] = groupStart[b] + distinct[b];
        LastGroups = groupStart[buckets];
        var outKeys = keyArray(groupStart[buckets]);
        var outCounts = countArray(groupStart[buckets]);
        for (var b = 0; b < buckets; b++)
        {
            Array.Copy(scatteredKeys, bucketStart[b], outKeys, groupStart[b], distinct[b]);
            Array.Copy(scatteredWeights, bucketStart[b], outCounts, groupStart[b], distinct[b]);
        }
        if (mapping is not null)
        {
            ForParts(parts, part =>
            {
                var (from, to) = Range(buckets, part, parts);
                for (var b = from; b < to; b++)
                    for (var at = bucketStart[b]; at < bucketStart[b + 1]; at++)
                        mapping[scatteredIndex[at]] = groupStart[b] + localRank[at];
            });
        }
        return (outKeys, outCounts);
    }

    /// <summary>The number of groups the last call produced.</summary>
    public int LastGroups { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bucket(TKey key, int bits) => bits == 0 ? 0 : (int)(KeyHash<TKey>.Of(key) >> (64 - bits));

    private static (int From, int To) Range(int n, int part, int parts) => ((int)((long)n * part / parts), (int)((long)n * (part + 1) / parts));

    private static void ForParts(int parts, Action<int> body)
    {
        if (parts == 1) body(0);
        else Parallel.For(0, parts, body);
    }

    /// <summary>One thread's small hash table, reused bucket after bucket.</summary>
    private sealed class Scratch
    {
        private TKey[] keys = [];
        private int[] ranks = [];
        private int[] used = [];

        /// <summary>Groups keys[from..to) in place: distinct keys and summed weights move to the front; rank[i] gets each item's group within the bucket.</summary>
        public int CountBucket(TKey[] keysIn, int[] weights, int[] rank, int from, int to)
        {
            var size = to - from;
            if (size == 0) return 0;
            var bits = Math.Max(4, BitOperations.Log2((uint)size) + 2);
            var capacity = 1 << bits;
            if (ranks.Length < capacity)
            {
                keys = new TKey[capacity];
                ranks = new int[capacity];
                used = new int[capacity];
            }
            var mask = capacity - 1;
            var groups = 0;
            for (var i = from; i < to; i++)
            {
                var key = keysIn[i];
                // The hash's top 14 bits (at most) chose the bucket; the next ones pick the slot.
                var slot = (int)((KeyHash<TKey>.Of(key) << 14) >> (64 - bits));
                while (true)
                {
                    var r = ranks[slot];
                    if (r == 0)
                    {
                        keys[slot] = key;
                        ranks[slot] = ++groups;
                        used[groups - 1] = slot;
                        var target = from + groups - 1;
                        keysIn[target] = key;
                        weights[target] = weights[i];
                        rank[i] = groups - 1;
                        break;
                    }
                    if (keys[slot] == key)
                    {
                        var target = from + r - 1;
                        weights[target] += weights[i];
                        rank[i] = r - 1;
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
            for (var g = 0; g < groups; g++) ranks[used[g]] = 0;
            return groups;
        }
    }
}
