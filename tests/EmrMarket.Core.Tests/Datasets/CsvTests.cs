using EmrMarket.Core.Datasets.Packaging;

namespace EmrMarket.Core.Tests.Datasets;

public sealed class CsvTests
{
    // RFC 4180 §2: fields with commas, quotes or line breaks are quoted and inner quotes doubled.
    [Theory]
    [InlineData(new[] { "a", "b" }, "a,b")]
    [InlineData(new[] { "a,b", "c" }, "\"a,b\",c")]
    [InlineData(new[] { "say \"hi\"" }, "\"say \"\"hi\"\"\"")]
    [InlineData(new[] { "line\nbreak", "" }, "\"line\nbreak\",")]
    [InlineData(new[] { "90+", "E11.9" }, "90+,E11.9")]
    public void FormatRow_Fields_QuotesOnlyWhenNeeded(string[] fields, string expected)
    {
        Assert.Equal(expected, Csv.FormatRow(fields));
    }

    [Fact]
    public void SplitRows_QuotedLineBreak_StaysInItsRow()
    {
        var rows = Csv.SplitRows(new StringReader("h1,h2\n\"a\nb\",c\nd,e\n")).ToList();

        Assert.Equal(["h1,h2", "\"a\nb\",c", "d,e"], rows);
    }
}
