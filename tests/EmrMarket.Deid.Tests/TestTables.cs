using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Tests;

/// <summary>Small hand-made tables and hierarchies.</summary>
internal static class TestTables
{
    public static Hierarchy Flat(params string[] values) =>
        Hierarchy.FromRows(values.Select(v => (IReadOnlyList<string>)[v, "*"]).ToList());

    public static Table Make(IReadOnlyList<ColumnSchema> schema, params string?[][] rows) => Table.FromRows(schema, rows);

    public static ColumnSchema Qi(string name) => new(name, ColumnRole.QuasiIdentifier);

    public static ColumnSchema Sensitive(string name) => new(name, ColumnRole.Sensitive);
}
