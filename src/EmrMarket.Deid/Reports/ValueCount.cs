namespace EmrMarket.Deid.Reports;

/// <summary>How many records hold a value.</summary>
/// <param name="Value">The value; <c>(other)</c> gathers the values beyond the top ones and those held by fewer than k records.</param>
/// <param name="Count">The number of records.</param>
public sealed record ValueCount(string Value, long Count);
