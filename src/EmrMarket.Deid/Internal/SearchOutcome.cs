namespace EmrMarket.Deid.Internal;

/// <summary>The optimal node, if any satisfies the model, and what the search did.</summary>
internal sealed record SearchOutcome(int[]? Levels, double Loss, int NodesChecked, int LatticeSize);
