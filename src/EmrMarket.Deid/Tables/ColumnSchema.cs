using EmrMarket.Deid.Identifiers;

namespace EmrMarket.Deid.Tables;

/// <summary>One column of a <see cref="Table"/>: its name, its role in the privacy model, how its cells are read and which HIPAA identifier it holds, if any.</summary>
/// <param name="Name">The column's name, unique within the table.</param>
/// <param name="Role">What the column is to the privacy model.</param>
/// <param name="Type">How its cells are read.</param>
/// <param name="Kind">The identifier of 45 CFR 164.514(b)(2)(i) the column holds; it decides the Safe Harbor transform.</param>
public sealed record ColumnSchema(
    string Name,
    ColumnRole Role = ColumnRole.Insensitive,
    ColumnType Type = ColumnType.String,
    IdentifierKind Kind = IdentifierKind.None);
