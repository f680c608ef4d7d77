namespace EmrMarket.Deid;

/// <summary>A node of the generalization lattice: one level per quasi-identifier, in policy order.</summary>
/// <param name="Levels">The level of each quasi-identifier.</param>
public sealed record Transformation(IReadOnlyList<GeneralizationLevel> Levels)
{
    /// <summary>Compact text such as <c>age:2/4 zip:1/3</c>.</summary>
    public override string ToString() => string.Join(" ", Levels.Select(l => $"{l.Column}:{l.Level}/{l.TopLevel}"));
}
