using EmrMarket.Deid.Hierarchies;

namespace EmrMarket.Deid.Internal;

/// <summary>
/// One quasi-identifier, dictionary-encoded: the values present in the data get dense base codes
/// (in hierarchy order), every level gets dense codes of the labels those values reach, and maps
/// from each level to every higher one are precomputed as int arrays.
/// </summary>
internal sealed class QiAttribute
{
    public QiAttribute(string column, Hierarchy hierarchy, long[] leafRecords, int minLevel)
    {
        Column = column;
        Hierarchy = hierarchy;
        Levels = hierarchy.Levels;
        MinLevel = minLevel;
        DomainSize = hierarchy.Values.Count;

        var present = new List<int>();
        for (var leaf = 0; leaf < leafRecords.Length; leaf++)
            if (leafRecords[leaf] > 0) present.Add(leaf);
        LeafToBase = new int[leafRecords.Length];
        Array.Fill(LeafToBase, -1);
        BaseRecords = new long[present.Count];
        for (var b = 0; b < present.Count; b++)
        {
            LeafToBase[present[b]] = b;
            BaseRecords[b] = leafRecords[present[b]];
        }

        BaseToLevel = new int[Levels][];
        Cardinality = new int[Levels];
        Labels = new string[Levels][];
        LeafCount = new int[Levels][];
        for (var level = 0; level < Levels; level++)
        {
            var dense = new int[hierarchy.Cardinality(level)];
            Array.Fill(dense, -1);
            foreach (var leaf in present) dense[hierarchy.Code(level, leaf)] = 0;
            var next = 0;
            var labels = new List<string>();
            var leafCounts = new List<int>();
            for (var code = 0; code < dense.Length; code++)
            {
                if (dense[code] < 0) continue;
                dense[code] = next++;
                labels.Add(hierarchy.Label(level, code));
                leafCounts.Add(hierarchy.LeafCount(level, code));
            }
            var map = new int[present.Count];
            for (var b = 0; b < present.Count; b++) map[b] = dense[hierarchy.Code(level, present[b])];
            BaseToLevel[level] = map;
            Cardinality[level] = next;
            Labels[level] = [.. labels];
            LeafCount[level] = [.. leafCounts];
        }

        Up = new int[Levels][][];
        for (var from = 0; from < Levels; from++)
        {
            Up[from] = new int[Levels][];
            for (var to = from; to < Levels; to++)
            {
                var map = new int[Cardinality[from]];
                for (var b = 0; b < present.Count; b++) map[BaseToLevel[from][b]] = BaseToLevel[to][b];
                Up[from][to] = map;
            }
        }
    }

    public string Column { get; }

    public Hierarchy Hierarchy { get; }

    public int Levels { get; }

    /// <summary>The lowest level the search may choose (Safe Harbor's floor).</summary>
    public int MinLevel { get; }

    /// <summary>The number of values in the hierarchy, present or not: the denominator of ARX's domain share.</summary>
    public int DomainSize { get; }

    /// <summary>Hierarchy leaf index → base code, or -1 for leaves absent from the data.</summary>
    public int[] LeafToBase { get; }

    /// <summary>Records per base code.</summary>
    public long[] BaseRecords { get; }

    /// <summary>[level][base code] → code at that level.</summary>
    public int[][] BaseToLevel { get; }

    /// <summary>[level] → number of codes at that level.</summary>
    public int[] Cardinality { get; }

    /// <summary>[level][code] → label.</summary>
    public string[][] Labels { get; }

    /// <summary>[level][code] → hierarchy values under the label.</summary>
    public int[][] LeafCount { get; }

    /// <summary>[from][to][code at from] → code at to, for from ≤ to.</summary>
    public int[][][] Up { get; }

    public static int BitsFor(int cardinality) =>
        cardinality <= 1 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(cardinality - 1));
}
