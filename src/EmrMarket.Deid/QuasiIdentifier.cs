using EmrMarket.Deid.Hierarchies;

namespace EmrMarket.Deid;

/// <summary>A quasi-identifier of the policy and the hierarchy it is generalized with.</summary>
/// <param name="Column">The column's name.</param>
/// <param name="Hierarchy">A built-in or user-supplied hierarchy.</param>
public sealed record QuasiIdentifier(string Column, HierarchySource Hierarchy);
