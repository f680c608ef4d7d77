using System.Text;

namespace EmrMarket.Fhir;

/// <summary>A FHIR input that cannot be ingested, naming the file, the entry and the problem.</summary>
public sealed class FhirException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="source">The file or upload name.</param>
    /// <param name="entryIndex">The 0-based Bundle.entry index or 1-based NDJSON line; null for the file as a whole.</param>
    /// <param name="code">What is wrong.</param>
    /// <param name="detail">What is wrong, in words, without patient data.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public FhirException(string source, int? entryIndex, FhirErrorCode code, string detail, Exception? inner = null)
        : base(Format(source, entryIndex, code, detail), inner)
    {
        SourceName = source;
        EntryIndex = entryIndex;
        Code = code;
        Detail = detail;
    }

    /// <summary>The file or upload name.</summary>
    public string SourceName { get; }

    /// <summary>The 0-based Bundle.entry index or 1-based NDJSON line number; null for the file as a whole.</summary>
    public int? EntryIndex { get; }

    /// <summary>What is wrong.</summary>
    public FhirErrorCode Code { get; }

    /// <summary>What is wrong, in words.</summary>
    public string Detail { get; }

    /// <summary>The kebab-case name of a code, e.g. <c>missing-patient</c>.</summary>
    public static string CodeName(FhirErrorCode code)
    {
        var name = code.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString().Replace("utf8", "utf-8", StringComparison.Ordinal);
    }

    private static string Format(string source, int? entryIndex, FhirErrorCode code, string detail) =>
        entryIndex is null ? $"{source}: {CodeName(code)}: {detail}" : $"{source}: entry {entryIndex}: {CodeName(code)}: {detail}";
}
