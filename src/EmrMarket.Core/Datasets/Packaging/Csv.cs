using System.Text;

namespace EmrMarket.Core.Datasets.Packaging;

/// <summary>
/// RFC 4180 CSV as packages write it: comma separated, "\n" line ends, a field quoted only when it holds a
/// comma, quote, CR or LF (quotes doubled), null written as an empty field. One row formats one way only,
/// so its hash (the rows Merkle leaf) can be recomputed from the file.
/// </summary>
public static class Csv
{
    public static string FormatRow(IReadOnlyList<string?> fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) line.Append(',');
            var field = fields[i] ?? "";
            if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
            {
                line.Append(field);
                continue;
            }
            line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return line.ToString();
    }

    /// <summary>Splits a file into its rows' exact text (without line ends), honouring quoted line breaks.</summary>
    public static IEnumerable<string> SplitRows(TextReader reader)
    {
        var row = new StringBuilder();
        var quoted = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '"') quoted = !quoted;
            if (c == '\n' && !quoted)
            {
                yield return row.ToString();
                row.Clear();
                continue;
            }
            row.Append((char)c);
        }
        if (row.Length > 0) yield return row.ToString();
    }
}
