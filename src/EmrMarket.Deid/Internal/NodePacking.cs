namespace EmrMarket.Deid.Internal;

/// <summary>How a node's generalized tuple is packed into one integer key: each attribute gets as many bits as its level's cardinality needs.</summary>
internal sealed class NodePacking
{
    public NodePacking(IReadOnlyList<QiAttribute> attributes, ReadOnlySpan<int> levels)
    {
        Shifts = new int[attributes.Count];
        Bits = new int[attributes.Count];
        var shift = 0;
        for (var d = 0; d < attributes.Count; d++)
        {
            Shifts[d] = shift;
            Bits[d] = QiAttribute.BitsFor(attributes[d].Cardinality[levels[d]]);
            shift += Bits[d];
        }
        TotalBits = shift;
    }

    public int[] Shifts { get; }

    public int[] Bits { get; }

    public int TotalBits { get; }
}
