using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Identifiers;

namespace EmrMarket.Deid.Internal;

/// <summary>Encodes one quasi-identifier column against its hierarchy.</summary>
internal static class QiEncoding
{
    /// <summary>The encoded attribute and each row's base code.</summary>
    /// <exception cref="DeidException">A value absent from the hierarchy (naming the column, value and row), or no level that meets Safe Harbor.</exception>
    public static (QiAttribute Attribute, int[] RowCodes, ColumnCodes Raw) Encode(
        string column, IReadOnlyList<string?> cells, HierarchySource source, IdentifierKind kind, IdentifierScanner? safeHarborScanner)
    {
        var raw = ColumnCodes.Encode(cells);
        var codes = raw;
        if (safeHarborScanner is not null && (kind == IdentifierKind.Age || source.Builtin == BuiltinHierarchy.Age))
            codes = codes.Map(value => value.Length == 0 ? value : SafeHarbor.Age(value, column));
        var hierarchy = source.Materialize(codes.Values, column);

        var leafRecords = new long[hierarchy.Values.Count];
        var leafOf = new int[codes.Values.Length];
        for (var v = 0; v < codes.Values.Length; v++)
        {
            var leaf = hierarchy.LeafIndex(codes.Values[v]);
            if (leaf < 0)
                throw new DeidException(
                    $"column '{column}': value '{codes.Values[v]}' (row {codes.FirstRows[v] + 1}) is not in its hierarchy ({source.Description})",
                    column, codes.Values[v]);
            leafOf[v] = leaf;
            leafRecords[leaf] += codes.Counts[v];
        }

        var minLevel = safeHarborScanner is null ? 0 : SafeHarborFloor(column, hierarchy, leafOf, source, safeHarborScanner);
        var attribute = new QiAttribute(column, hierarchy, leafRecords, minLevel);
        var baseOf = new int[leafOf.Length];
        for (var v = 0; v < leafOf.Length; v++) baseOf[v] = attribute.LeafToBase[leafOf[v]];
        var rows = new int[codes.Rows.Length];
        for (var r = 0; r < rows.Length; r++) rows[r] = baseOf[codes.Rows[r]];
        return (attribute, rows, raw);
    }

    /// <summary>
    /// The lowest level Safe Harbor allows: at least the built-in's own floor (ZIP3, year), and the
    /// first level none of whose labels the identifier scanner flags (5-digit ZIPs, full dates,
    /// months…), so user-supplied hierarchies are held to the same rule.
    /// </summary>
    private static int SafeHarborFloor(string column, Hierarchy hierarchy, int[] leaves, HierarchySource source, IdentifierScanner scanner)
    {
        for (var level = source.SafeHarborMinimumLevel; level < hierarchy.Levels; level++)
        {
            var clean = true;
            var seen = new HashSet<int>();
            foreach (var leaf in leaves)
            {
                var code = hierarchy.Code(level, leaf);
                if (!seen.Add(code)) continue;
                if (scanner.Check(hierarchy.Label(level, code), wholeNamesOnly: true) is not null) { clean = false; break; }
            }
            if (clean) return level;
        }
        throw new DeidException($"column '{column}': every level of its hierarchy ({source.Description}) shows an identifier Safe Harbor removes", column);
    }
}
