using System.Text;

namespace EmrMarket.Deid.Tables;

/// <summary>
/// Reads and writes tables as CSV (RFC 4180: a header row, fields quoted with <c>"</c> when they
/// hold the separator, a quote or a line break, quotes doubled inside quoted fields).
/// </summary>
public static class CsvTable
{
    /// <summary>Reads a table whose first row names the columns; every column is read as an insensitive string column.</summary>
    /// <exception cref="DeidException">No header, or a row with the wrong number of fields (the message names the line).</exception>
    public static Table Read(TextReader reader, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(reader);
        var parser = new CsvParser(reader, separator);
        var header = parser.ReadRecord() ?? throw new DeidException("the CSV file is empty: it needs a header row naming the columns");
        var cells = new List<string?>[header.Count];
        var pools = new Dictionary<string, string>?[header.Count];
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = [];
            pools[c] = new Dictionary<string, string>(StringComparer.Ordinal);
        }
        while (parser.ReadRecord() is { } record)
        {
            if (record.Count == 1 && record[0].Length == 0 && header.Count > 1) continue;
            if (record.Count != header.Count)
                throw new DeidException($"line {parser.Line}: {record.Count} fields, but the header names {header.Count} columns");
            for (var c = 0; c < cells.Length; c++) cells[c].Add(Shared(pools, c, record[c]));
        }
        var schema = header.Select(name => new ColumnSchema(name)).ToArray();
        return new Table(schema, cells.Select(l => l.ToArray()).ToArray());
    }

    /// <summary>
    /// One string instance per distinct value of a column (until a column proves nearly unique),
    /// which saves memory and lets the engine encode cells by reference.
    /// </summary>
    private static string Shared(Dictionary<string, string>?[] pools, int column, string value)
    {
        var pool = pools[column];
        if (pool is null) return value;
        if (pool.TryGetValue(value, out var shared)) return shared;
        if (pool.Count >= MaxPooledValues)
        {
            pools[column] = null;
            return value;
        }
        pool.Add(value, value);
        return value;
    }

    private const int MaxPooledValues = 1 << 16;

    /// <summary>Reads every record of a separated-values text, for example a hierarchy file.</summary>
    public static IEnumerable<IReadOnlyList<string>> ReadRecords(TextReader reader, char separator)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var parser = new CsvParser(reader, separator);
        while (parser.ReadRecord() is { } record)
        {
            if (record.Count == 1 && record[0].Length == 0) continue;
            yield return record;
        }
    }

    /// <summary>Writes a table with a header row; a null cell is written as an empty field.</summary>
    public static void Write(Table table, TextWriter writer, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        WriteRecord(writer, table.Schema.Select(s => s.Name).ToArray(), separator);
        var columns = Enumerable.Range(0, table.Schema.Count).Select(table.Cells).ToArray();
        var record = new string?[columns.Length];
        for (var r = 0; r < table.RowCount; r++)
        {
            for (var c = 0; c < columns.Length; c++) record[c] = columns[c][r];
            WriteRecord(writer, record, separator);
        }
    }

    /// <summary>Writes one record and a line break.</summary>
    public static void WriteRecord(TextWriter writer, IReadOnlyList<string?> fields, char separator)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fields);
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) writer.Write(separator);
            var field = fields[i] ?? "";
            if (field.AsSpan().IndexOfAny(['"', '\r', '\n', separator]) < 0)
            {
                writer.Write(field);
                continue;
            }
            writer.Write('"');
            writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }
        writer.Write('\n');
    }

    private sealed class CsvParser(TextReader reader, char separator)
    {
        private readonly StringBuilder field = new();

        public int Line { get; private set; }

        public List<string>? ReadRecord()
        {
            var next = reader.Peek();
            if (next < 0) return null;
            Line++;
            var record = new List<string>();
            field.Clear();
            var quoted = false;
            while (true)
            {
                var ch = reader.Read();
                if (ch < 0)
                {
                    if (quoted) throw new DeidException($"line {Line}: a quoted field is not closed");
                    record.Add(field.ToString());
                    return record;
                }
                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                        else quoted = false;
                    }
                    else
                    {
                        if (ch == '\n') Line++;
                        field.Append((char)ch);
                    }
                    continue;
                }
                if (ch == '"' && field.Length == 0) { quoted = true; continue; }
                if (ch == separator) { record.Add(field.ToString()); field.Clear(); continue; }
                if (ch == '\r')
                {
                    if (reader.Peek() == '\n') reader.Read();
                    record.Add(field.ToString());
                    return record;
                }
                if (ch == '\n') { record.Add(field.ToString()); return record; }
                field.Append((char)ch);
            }
        }
    }
}
