namespace EmrMarket.Deid.Reports;

/// <summary>
/// A column's most frequent values before and after de-identification. Values held by fewer than
/// k records are folded into <c>(other)</c>, so the report itself discloses no rare value.
/// </summary>
/// <param name="Column">The column.</param>
/// <param name="Role">Its role (quasi-identifier or sensitive).</param>
/// <param name="DistinctBefore">Distinct values in the input.</param>
/// <param name="DistinctAfter">Distinct values in the output.</param>
/// <param name="Before">Top values in the input.</param>
/// <param name="After">Top values in the output.</param>
public sealed record ColumnDistribution(
    string Column,
    string Role,
    int DistinctBefore,
    int DistinctAfter,
    IReadOnlyList<ValueCount> Before,
    IReadOnlyList<ValueCount> After);
