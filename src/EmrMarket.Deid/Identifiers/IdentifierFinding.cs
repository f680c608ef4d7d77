namespace EmrMarket.Deid.Identifiers;

/// <summary>
/// An identifier found in a table: where it is and what it looks like. The value itself is not
/// kept, so findings can be logged and reported without disclosing it.
/// </summary>
/// <param name="Column">The column it is in.</param>
/// <param name="Row">The first row (0-based) it is in.</param>
/// <param name="Kind">What kind of identifier it looks like.</param>
/// <param name="Rule">The rule that matched, such as <c>full date</c>.</param>
public sealed record IdentifierFinding(string Column, int Row, IdentifierKind Kind, string Rule);
