namespace EmrMarket.Deid.Tables;

/// <summary>
/// An in-memory table stored by column. Cells are invariant text (see <see cref="ColumnType"/>);
/// a null cell is a missing value. The table is immutable once built.
/// </summary>
public sealed class Table
{
    private readonly string?[][] columns;
    private readonly Dictionary<string, int> index;

    /// <summary>Builds a table from its schema and one array of cells per column.</summary>
    /// <exception cref="DeidException">Duplicate column names, or columns of unequal length.</exception>
    public Table(IReadOnlyList<ColumnSchema> schema, IReadOnlyList<string?[]> columns)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (schema.Count != columns.Count)
            throw new DeidException($"the schema has {schema.Count} columns but {columns.Count} columns of cells were given");
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < schema.Count; c++)
        {
            if (!index.TryAdd(schema[c].Name, c))
                throw new DeidException($"column '{schema[c].Name}' appears twice", schema[c].Name);
        }
        RowCount = columns.Count == 0 ? 0 : columns[0].Length;
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Length != RowCount)
                throw new DeidException($"column '{schema[c].Name}' has {columns[c].Length} cells, expected {RowCount}", schema[c].Name);
        }
        Schema = [.. schema];
        this.columns = [.. columns];
    }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<ColumnSchema> Schema { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The cell at a row and column.</summary>
    public string? this[int row, int column] => columns[column][row];

    /// <summary>The position of a column, or -1.</summary>
    public int IndexOf(string name) => index.GetValueOrDefault(name, -1);

    /// <summary>The position of a column.</summary>
    /// <exception cref="DeidException">No such column; the message lists the columns there are.</exception>
    public int RequireColumn(string name) =>
        index.TryGetValue(name, out var c)
            ? c
            : throw new DeidException($"column '{name}' is not in the table (columns: {string.Join(", ", Schema.Select(s => s.Name))})", name);

    /// <summary>The cells of one column.</summary>
    public IReadOnlyList<string?> Column(int column) => columns[column];

    /// <summary>A table with the same cells and another schema (same names and count), for example with roles assigned.</summary>
    public Table WithSchema(IReadOnlyList<ColumnSchema> schema) => new(schema, columns);

    /// <summary>Builds a table from rows of cells.</summary>
    /// <exception cref="DeidException">A row with the wrong number of cells.</exception>
    public static Table FromRows(IReadOnlyList<ColumnSchema> schema, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rows);
        var lists = new List<string?>[schema.Count];
        for (var c = 0; c < lists.Length; c++) lists[c] = [];
        var r = 0;
        foreach (var row in rows)
        {
            if (row.Count != schema.Count)
                throw new DeidException($"row {r + 1} has {row.Count} cells, expected {schema.Count}");
            for (var c = 0; c < lists.Length; c++) lists[c].Add(row[c]);
            r++;
        }
        return new Table(schema, lists.Select(l => l.ToArray()).ToArray());
    }

    internal string?[] Cells(int column) => columns[column];
}
