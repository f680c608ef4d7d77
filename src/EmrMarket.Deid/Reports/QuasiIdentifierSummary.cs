namespace EmrMarket.Deid.Reports;

/// <summary>A quasi-identifier as the policy configured it.</summary>
/// <param name="Column">The column.</param>
/// <param name="Hierarchy">The hierarchy's description.</param>
/// <param name="Levels">Its number of levels.</param>
/// <param name="MinimumLevel">The lowest level allowed (Safe Harbor).</param>
public sealed record QuasiIdentifierSummary(string Column, string Hierarchy, int Levels, int MinimumLevel);
