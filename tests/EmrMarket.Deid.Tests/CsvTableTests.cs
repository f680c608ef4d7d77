using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Tests;

public sealed class CsvTableTests
{
    [Fact]
    public void Write_ThenRead_RoundTripsQuotesSeparatorsAndLineBreaks()
    {
        var table = Table.FromRows([new ColumnSchema("a"), new ColumnSchema("b")],
            [["plain", "with, comma"], ["say \"hi\"", "two\nlines"], ["", "x"]]);
        var writer = new StringWriter();

        CsvTable.Write(table, writer);
        var read = CsvTable.Read(new StringReader(writer.ToString()));

        Assert.Equal(["a", "b"], read.Schema.Select(c => c.Name));
        Assert.Equal(3, read.RowCount);
        Assert.Equal(["plain", "with, comma", "say \"hi\"", "two\nlines", "", "x"],
            Enumerable.Range(0, 3).SelectMany(r => new[] { read[r, 0], read[r, 1] }));
    }

    [Fact]
    public void Read_RowWithTooFewFields_NamesTheLine() =>
        Assert.Contains("line 3: 1 fields", Assert.Throws<DeidException>(() => CsvTable.Read(new StringReader("a,b\n1,2\n3\n"))).Message);

    [Fact]
    public void Read_RepeatedValues_ShareOneInstance()
    {
        var table = CsvTable.Read(new StringReader("a\nsame\nsame\n"));

        Assert.Same(table[0, 0], table[1, 0]);
    }
}
