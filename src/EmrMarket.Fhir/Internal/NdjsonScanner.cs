using System.Text.Unicode;

namespace EmrMarket.Fhir.Internal;

/// <summary>Splits newline-delimited JSON (FHIR Bulk Data export files) into lines, one resource each.</summary>
internal sealed class NdjsonScanner(string source)
{
    private int _line;

    /// <summary>Consumes the complete lines in <paramref name="buffer"/> (and the rest when final); returns bytes consumed.</summary>
    public int Scan(ReadOnlyMemory<byte> buffer, bool final, Action<int, ReadOnlyMemory<byte>> line)
    {
        var consumed = 0;
        while (consumed < buffer.Length)
        {
            var rest = buffer[consumed..];
            var newline = rest.Span.IndexOf((byte)'\n');
            if (newline < 0 && !final) break;
            var length = newline < 0 ? rest.Length : newline;
            Emit(rest[..length], line);
            consumed += newline < 0 ? length : length + 1;
        }
        return consumed;
    }

    private void Emit(ReadOnlyMemory<byte> bytes, Action<int, ReadOnlyMemory<byte>> line)
    {
        _line++;
        var span = bytes.Span;
        var start = 0;
        var end = span.Length;
        while (start < end && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r') start++;
        while (end > start && span[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r') end--;
        if (start == end) return;
        if (!Utf8.IsValid(span[start..end])) throw new FhirException(source, _line, FhirErrorCode.InvalidUtf8, "the line holds bytes that are not UTF-8");
        if (NulCheck.HasEscapedNul(span[start..end])) throw new FhirException(source, _line, FhirErrorCode.InvalidValue, NulCheck.Detail);
        line(_line, bytes[start..end]);
    }
}
