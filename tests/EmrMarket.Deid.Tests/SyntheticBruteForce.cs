using EmrMarket.Deid.Identifiers;
using EmrMarket.Deid.Synthetic;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Tests;

/// <summary>Prepares a synthetic table for <see cref="BruteForce"/>: Safe Harbor's pooled ages, materialized hierarchies and floors.</summary>
internal static class SyntheticBruteForce
{
    public static BruteForce.Attribute[] Attributes(SyntheticDataset data)
    {
        var table = data.Table;
        return data.Policy.QuasiIdentifiers.Select(qi =>
        {
            var column = table.RequireColumn(qi.Column);
            var values = Enumerable.Range(0, table.RowCount).Select(r => table[r, column] ?? "").ToArray();
            if (table.Schema[column].Kind == IdentifierKind.Age) values = values.Select(v => SafeHarbor.Age(v)).ToArray();
            var hierarchy = qi.Hierarchy.Materialize(values.Distinct().ToList(), qi.Column);
            var floor = table.Schema[column].Kind switch
            {
                IdentifierKind.ZipCode => 1,
                IdentifierKind.Date => 2,
                _ => 0,
            };
            return new BruteForce.Attribute(values, hierarchy, floor);
        }).ToArray();
    }
}
