namespace EmrMarket.Deid;

/// <summary>What a run did and how long it took; not part of the report, which stays deterministic.</summary>
/// <param name="LatticeSize">Nodes in the generalization lattice.</param>
/// <param name="NodesChecked">Nodes whose equivalence classes were computed.</param>
/// <param name="DistinctTuples">Distinct quasi-identifier tuples in the input.</param>
/// <param name="Encoding">Time to validate and dictionary-encode the input.</param>
/// <param name="Search">Time to search the lattice.</param>
/// <param name="Output">Time to write the output table and the report.</param>
public sealed record SearchStatistics(long LatticeSize, int NodesChecked, int DistinctTuples, TimeSpan Encoding, TimeSpan Search, TimeSpan Output)
{
    /// <summary>The whole run.</summary>
    public TimeSpan Total => Encoding + Search + Output;
}
