namespace EmrMarket.Deid;

/// <summary>
/// Bad input to the de-identification engine: a missing column, a value absent from its hierarchy,
/// a malformed hierarchy or policy. The message names the column and, where there is one, the value.
/// </summary>
public sealed class DeidException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong, naming the column and value.</param>
    /// <param name="column">The column concerned, if any.</param>
    /// <param name="value">The offending value, if any.</param>
    public DeidException(string message, string? column = null, string? value = null) : base(message)
    {
        Column = column;
        Value = value;
    }

    /// <summary>The column concerned, if any.</summary>
    public string? Column { get; }

    /// <summary>The offending value, if any.</summary>
    public string? Value { get; }
}
