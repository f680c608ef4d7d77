using System.Runtime.InteropServices;

namespace EmrMarket.Deid.Internal;

/// <summary>A column dictionary-encoded once: its distinct values in order of first appearance, how often each occurs, and each row's code. A missing cell reads as the empty string.</summary>
internal sealed class ColumnCodes
{
    private ColumnCodes(string[] values, long[] counts, int[] firstRows, int[] rows)
    {
        Values = values;
        Counts = counts;
        FirstRows = firstRows;
        Rows = rows;
    }

    public string[] Values { get; }

    public long[] Counts { get; }

    public int[] FirstRows { get; }

    public int[] Rows { get; }

    public static ColumnCodes Encode(IReadOnlyList<string?> cells)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<string>();
        var counts = new List<long>();
        var firstRows = new List<int>();
        var rows = new int[cells.Count];
        for (var r = 0; r < rows.Length; r++)
        {
            var cell = cells[r] ?? "";
            ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(index, cell, out var exists);
            if (!exists)
            {
                code = values.Count;
                values.Add(cell);
                counts.Add(0);
                firstRows.Add(r);
            }
            rows[r] = code;
            counts[code]++;
        }
        return new ColumnCodes([.. values], [.. counts], [.. firstRows], rows);
    }

    /// <summary>Maps every distinct value through a transform, merging values that become equal (for example ages pooled into "90+").</summary>
    public ColumnCodes Map(Func<string, string> transform)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<string>();
        var counts = new List<long>();
        var firstRows = new List<int>();
        var remap = new int[Values.Length];
        for (var v = 0; v < Values.Length; v++)
        {
            var mapped = transform(Values[v]);
            if (!index.TryGetValue(mapped, out var code))
            {
                code = values.Count;
                index.Add(mapped, code);
                values.Add(mapped);
                counts.Add(0);
                firstRows.Add(FirstRows[v]);
            }
            remap[v] = code;
            counts[code] += Counts[v];
            firstRows[code] = Math.Min(firstRows[code], FirstRows[v]);
        }
        if (values.Count == Values.Length && values.SequenceEqual(Values)) return this;
        var rows = new int[Rows.Length];
        for (var r = 0; r < rows.Length; r++) rows[r] = remap[Rows[r]];
        return new ColumnCodes([.. values], [.. counts], [.. firstRows], rows);
    }
}
