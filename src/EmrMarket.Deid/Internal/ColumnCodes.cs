using System.Runtime.CompilerServices;
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
        var identity = new IdentityCodes(Math.Max(4096, rows.Length / 8));
        for (var r = 0; r < rows.Length; r++)
        {
            var cell = cells[r] ?? "";
            if (!identity.TryGet(cell, out var code))
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, cell, out var exists);
                if (!exists)
                {
                    slot = values.Count;
                    values.Add(cell);
                    counts.Add(0);
                    firstRows.Add(r);
                }
                code = slot;
                identity.Add(cell, code);
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

    /// <summary>
    /// A cache from string instance to code, checked before hashing the text: tables built in memory
    /// or read by <see cref="Tables.CsvTable"/> share one instance per distinct value, so most cells
    /// are found by reference. It switches itself off when instances turn out not to repeat.
    /// </summary>
    private sealed class IdentityCodes(int limit)
    {
        private string?[] keys = new string?[1024];
        private int[] codes = new int[1024];
        private int count;
        private bool off;

        public bool TryGet(string value, out int code)
        {
            code = 0;
            if (off) return false;
            var mask = keys.Length - 1;
            for (var slot = RuntimeHelpers.GetHashCode(value) & mask; ; slot = (slot + 1) & mask)
            {
                var key = keys[slot];
                if (key is null) return false;
                if (ReferenceEquals(key, value))
                {
                    code = codes[slot];
                    return true;
                }
            }
        }

        public void Add(string value, int code)
        {
            if (off) return;
            if (++count > limit)
            {
                off = true;
                keys = [];
                return;
            }
            if (count * 2 > keys.Length) Grow();
            Insert(value, code);
        }

        private void Insert(string value, int code)
        {
            var mask = keys.Length - 1;
            var slot = RuntimeHelpers.GetHashCode(value) & mask;
            while (keys[slot] is not null) slot = (slot + 1) & mask;
            keys[slot] = value;
            codes[slot] = code;
        }

        private void Grow()
        {
            var (oldKeys, oldCodes) = (keys, codes);
            keys = new string?[oldKeys.Length * 2];
            codes = new int[oldKeys.Length * 2];
            for (var i = 0; i < oldKeys.Length; i++)
                if (oldKeys[i] is { } key) Insert(key, oldCodes[i]);
        }
    }
}
