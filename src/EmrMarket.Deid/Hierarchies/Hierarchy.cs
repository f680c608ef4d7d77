using System.Globalization;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Hierarchies;

/// <summary>
/// A generalization hierarchy for one quasi-identifier, materialized: one row per original value,
/// <c>value;level1;level2;…</c>, each level a coarser label, usually ending in <c>*</c> (suppression).
/// This is the CSV format ARX reads. Every row has the same depth, and a label at one level always
/// generalizes to the same label at the next (the hierarchy is a tree), which makes k-anonymity
/// monotone over the generalization lattice.
/// </summary>
public sealed class Hierarchy
{
    private readonly string[][] labels;
    private readonly int[][] codes;
    private readonly int[][] leafCounts;
    private readonly Dictionary<string, int> leaves;

    private Hierarchy(string[][] labels, int[][] codes, Dictionary<string, int> leaves)
    {
        this.labels = labels;
        this.codes = codes;
        this.leaves = leaves;
        leafCounts = new int[labels.Length][];
        for (var level = 0; level < labels.Length; level++)
        {
            var counts = new int[labels[level].Length];
            foreach (var code in codes[level]) counts[code]++;
            leafCounts[level] = counts;
        }
    }

    /// <summary>The number of levels, counting the original values as level 0.</summary>
    public int Levels => labels.Length;

    /// <summary>The original values (level 0), in the order of the rows.</summary>
    public IReadOnlyList<string> Values => labels[0];

    /// <summary>The distinct labels of a level, in order of first appearance.</summary>
    public IReadOnlyList<string> LevelValues(int level) => labels[level];

    /// <summary>Whether the hierarchy has a row for the value.</summary>
    public bool Contains(string value) => leaves.ContainsKey(value);

    /// <summary>The label of a value at a level.</summary>
    /// <exception cref="DeidException">The value is not in the hierarchy, or the level does not exist.</exception>
    public string Generalize(string value, int level)
    {
        if (!leaves.TryGetValue(value, out var leaf))
            throw new DeidException($"value '{value}' is not in the hierarchy", value: value);
        if ((uint)level >= (uint)Levels)
            throw new DeidException($"the hierarchy has levels 0 to {Levels - 1}, not {level}");
        return labels[level][codes[level][leaf]];
    }

    /// <summary>Builds a hierarchy from its rows, checking that they have equal depth, distinct values and tree structure.</summary>
    /// <param name="rows">One row per original value: the value, then its label at each level.</param>
    /// <param name="column">The column the hierarchy is for, named in error messages.</param>
    /// <exception cref="DeidException">No rows, rows of unequal depth, a value listed twice, or a label generalizing to two labels.</exception>
    public static Hierarchy FromRows(IEnumerable<IReadOnlyList<string>> rows, string? column = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var what = column is null ? "the hierarchy" : $"the hierarchy for column '{column}'";
        var all = rows.ToList();
        if (all.Count == 0) throw new DeidException($"{what} has no rows", column);
        var depth = all[0].Count;
        if (depth == 0) throw new DeidException($"{what}: row 1 is empty", column);
        var labels = new List<string>[depth];
        var index = new Dictionary<string, int>[depth];
        var codes = new int[depth][];
        for (var level = 0; level < depth; level++)
        {
            labels[level] = [];
            index[level] = new Dictionary<string, int>(StringComparer.Ordinal);
            codes[level] = new int[all.Count];
        }
        var parents = new Dictionary<int, int>[depth];
        for (var level = 0; level < depth; level++) parents[level] = [];
        for (var r = 0; r < all.Count; r++)
        {
            var row = all[r];
            if (row.Count != depth)
                throw new DeidException(
                    $"{what}: row {r + 1} ('{row.FirstOrDefault()}') has {row.Count} levels but row 1 ('{all[0][0]}') has {depth}: all rows need the same depth",
                    column, row.FirstOrDefault());
            for (var level = 0; level < depth; level++)
            {
                var label = row[level];
                if (!index[level].TryGetValue(label, out var code))
                {
                    code = labels[level].Count;
                    index[level].Add(label, code);
                    labels[level].Add(label);
                }
                else if (level == 0)
                {
                    throw new DeidException($"{what}: value '{label}' has two rows", column, label);
                }
                codes[level][r] = code;
                if (level > 0)
                {
                    var child = codes[level - 1][r];
                    if (parents[level - 1].TryGetValue(child, out var parent) && parent != code)
                        throw new DeidException(
                            $"{what}: '{row[level - 1]}' at level {level - 1} generalizes to both '{labels[level][parent]}' and '{label}' at level {level}",
                            column, row[level - 1]);
                    parents[level - 1][child] = code;
                }
            }
        }
        return new Hierarchy(labels.Select(l => l.ToArray()).ToArray(), codes, index[0]);
    }

    /// <summary>Materializes a built-in hierarchy over a column's values, for example to preview or export it.</summary>
    /// <exception cref="DeidException">A value the built-in cannot read (naming the column and value).</exception>
    public static Hierarchy Builtin(BuiltinHierarchy kind, IReadOnlyList<string> values, string? column = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return BuiltinHierarchies.Build(kind, values, column ?? kind.ToString().ToLowerInvariant());
    }

    /// <summary>Reads a hierarchy in ARX's CSV format: one row per value, fields separated by <paramref name="separator"/>.</summary>
    public static Hierarchy FromCsv(TextReader reader, char separator = ';', string? column = null) =>
        FromRows(CsvTable.ReadRecords(reader, separator), column);

    /// <summary>Reads a hierarchy file in ARX's CSV format.</summary>
    /// <exception cref="DeidException">The file is missing or malformed.</exception>
    public static Hierarchy FromCsvFile(string path, char separator = ';', string? column = null)
    {
        if (!File.Exists(path))
            throw new DeidException($"hierarchy file '{path}'{(column is null ? "" : $" for column '{column}'")} does not exist", column);
        using var reader = new StreamReader(path);
        return FromCsv(reader, separator, column);
    }

    /// <summary>Writes the hierarchy in ARX's CSV format.</summary>
    public void WriteCsv(TextWriter writer, char separator = ';')
    {
        ArgumentNullException.ThrowIfNull(writer);
        var row = new string?[Levels];
        for (var leaf = 0; leaf < labels[0].Length; leaf++)
        {
            for (var level = 0; level < Levels; level++) row[level] = labels[level][codes[level][leaf]];
            CsvTable.WriteRecord(writer, row, separator);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"hierarchy of {labels[0].Length} values, {Levels} levels");

    internal int LeafIndex(string value) => leaves.GetValueOrDefault(value, -1);

    internal int Code(int level, int leaf) => codes[level][leaf];

    internal string Label(int level, int code) => labels[level][code];

    internal int Cardinality(int level) => labels[level].Length;

    /// <summary>How many original values each label of a level covers: the numerator of ARX's domain share.</summary>
    internal int LeafCount(int level, int code) => leafCounts[level][code];
}
