using System.Text;

namespace EmrMarket.Core.Datasets.Packaging;

/// <summary>data-dictionary.md: every table and column of a package, in words.</summary>
public static class DataDictionary
{
    public static string Render(string title, IReadOnlyList<PackageTable> tables)
    {
        var text = new StringBuilder().Append("# Data dictionary: ").Append(title).Append("\n\n");
        text.Append("Each table is a CSV file (RFC 4180, UTF-8, header row, \"\\n\" line ends). `pid` is the dataset's own pseudonym ")
            .Append("for a patient: it joins the tables of this dataset and no other.\n");
        foreach (var table in tables)
        {
            text.Append("\n## ").Append(table.Name).Append(" (`").Append(table.File).Append("`, ").Append(table.Rows).Append(" rows)\n\n")
                .Append(table.Description).Append("\n\n| column | type | meaning |\n|---|---|---|\n");
            foreach (var column in table.Columns)
                text.Append("| `").Append(column.Name).Append("` | ").Append(column.Type).Append(" | ").Append(column.Description).Append(" |\n");
        }
        return text.ToString();
    }
}
