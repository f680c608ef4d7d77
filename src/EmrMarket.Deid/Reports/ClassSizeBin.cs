namespace EmrMarket.Deid.Reports;

/// <summary>One bar of the equivalence-class size histogram.</summary>
/// <param name="Sizes">The range of class sizes, such as <c>5–10</c>.</param>
/// <param name="Classes">Classes of a size in the range.</param>
/// <param name="Records">Records in those classes.</param>
public sealed record ClassSizeBin(string Sizes, int Classes, long Records);
