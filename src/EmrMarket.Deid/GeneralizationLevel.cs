namespace EmrMarket.Deid;

/// <summary>The level chosen for one quasi-identifier.</summary>
/// <param name="Column">The quasi-identifier.</param>
/// <param name="Level">The chosen level, 0 being the original values.</param>
/// <param name="TopLevel">The hierarchy's highest level.</param>
/// <param name="Hierarchy">The hierarchy's description, such as <c>builtin:zip</c>.</param>
public sealed record GeneralizationLevel(string Column, int Level, int TopLevel, string Hierarchy);
