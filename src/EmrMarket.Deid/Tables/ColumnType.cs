namespace EmrMarket.Deid.Tables;

/// <summary>
/// How a column's text cells are read. Cells are stored as invariant text: integers in decimal,
/// dates as ISO 8601 <c>yyyy-MM-dd</c> (a longer ISO date-time is accepted and read by its date).
/// </summary>
public enum ColumnType
{
    /// <summary>Free text or a code.</summary>
    String,

    /// <summary>A whole number, such as an age in years.</summary>
    Integer,

    /// <summary>A calendar date, such as a birth or admission date.</summary>
    Date,
}
