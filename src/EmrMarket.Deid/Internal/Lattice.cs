namespace EmrMarket.Deid.Internal;

/// <summary>
/// The generalization lattice: one node per combination of levels, from each attribute's minimum
/// level to its top. Nodes are numbered in mixed radix, so a node's successor along an attribute is
/// its id plus that attribute's stride.
/// </summary>
internal sealed class Lattice
{
    public const long MaxNodes = 200_000_000;

    public Lattice(IReadOnlyList<QiAttribute> attributes)
    {
        Dimensions = attributes.Count;
        Min = new int[Dimensions];
        Max = new int[Dimensions];
        Stride = new int[Dimensions];
        long size = 1;
        for (var d = 0; d < Dimensions; d++)
        {
            Min[d] = attributes[d].MinLevel;
            Max[d] = attributes[d].Levels - 1;
            Stride[d] = (int)size;
            size *= Max[d] - Min[d] + 1;
            if (size > MaxNodes)
                throw new DeidException($"the generalization lattice has more than {MaxNodes:N0} nodes: use fewer quasi-identifiers or shallower hierarchies");
        }
        Size = (int)size;
    }

    public int Dimensions { get; }

    public int[] Min { get; }

    public int[] Max { get; }

    public int[] Stride { get; }

    public int Size { get; }

    public int Bottom => 0;

    public void Decode(int id, Span<int> levels)
    {
        for (var d = Dimensions - 1; d >= 0; d--)
        {
            levels[d] = Min[d] + id / Stride[d];
            id %= Stride[d];
        }
    }

    public int[] Decode(int id)
    {
        var levels = new int[Dimensions];
        Decode(id, levels);
        return levels;
    }

    public int Encode(ReadOnlySpan<int> levels)
    {
        var id = 0;
        for (var d = 0; d < Dimensions; d++) id += (levels[d] - Min[d]) * Stride[d];
        return id;
    }

    public int LevelOf(int id, int d) => Min[d] + id / Stride[d] % (Max[d] - Min[d] + 1);

    public int LevelSum(int id)
    {
        var sum = 0;
        for (var d = 0; d < Dimensions; d++) sum += LevelOf(id, d);
        return sum;
    }
}
