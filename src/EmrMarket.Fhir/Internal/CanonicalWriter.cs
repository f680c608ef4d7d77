using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using EmrMarket.Fhir.Canonical;

namespace EmrMarket.Fhir.Internal;

/// <summary>
/// Writes a parsed JSON value in canonical form (RFC 8785 §3.2): properties sorted by their names' UTF-16 code
/// units, no whitespace, strings with the minimal escaping of §3.2.2.2, numbers per <see cref="CanonicalNumbers"/>.
/// The input must already be valid UTF-8 (checked by the caller on the raw bytes).
/// </summary>
internal sealed class CanonicalWriter(ByteBuffer output, CanonicalNumbers numbers)
{
    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();

    public void Write(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object: WriteObject(element); break;
            case JsonValueKind.Array:
                output.Append((byte)'[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first) output.Append((byte)',');
                    first = false;
                    Write(item);
                }
                output.Append((byte)']');
                break;
            case JsonValueKind.String: WriteString(JsonMarshal.GetRawUtf8Value(element)); break;
            case JsonValueKind.Number: WriteNumber(JsonMarshal.GetRawUtf8Value(element)); break;
            case JsonValueKind.True: output.Append("true"u8); break;
            case JsonValueKind.False: output.Append("false"u8); break;
            default: output.Append("null"u8); break;
        }
    }

    private void WriteObject(JsonElement element)
    {
        var count = 0;
        foreach (var _ in element.EnumerateObject()) count++;
        var properties = ArrayPool<Property>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var i = 0;
            foreach (var property in element.EnumerateObject())
            {
                var raw = JsonMarshal.GetRawUtf8PropertyName(property);
                properties[i++] = new Property(property, raw.Contains((byte)'\\') ? Unescape(raw) : null);
            }
            var span = properties.AsSpan(0, count);
            span.Sort(static (a, b) => CompareUtf16(a.Name, b.Name));
            output.Append((byte)'{');
            for (i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    if (CompareUtf16(span[i - 1].Name, span[i].Name) == 0)
                        throw new CanonicalJsonException($"duplicate property \"{Encoding.UTF8.GetString(span[i].Name)}\" (I-JSON, RFC 7493 §2.3)");
                    output.Append((byte)',');
                }
                WriteEscaped(span[i].Name);
                output.Append((byte)':');
                Write(span[i].Value.Value);
            }
            output.Append((byte)'}');
        }
        finally
        {
            properties.AsSpan(0, count).Clear();
            ArrayPool<Property>.Shared.Return(properties);
        }
    }

    /// <summary>Orders UTF-8 strings as their UTF-16 forms compare code unit by code unit (RFC 8785 §3.2.3).</summary>
    internal static int CompareUtf16(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var common = Math.Min(x.Length, y.Length);
        var at = x[..common].CommonPrefixLength(y[..common]);
        if (at == common) return x.Length.CompareTo(y.Length);
        int a = x[at], b = y[at];
        // UTF-8 orders by code point; UTF-16 puts supplementary characters (surrogates D800-DBFF, UTF-8 lead
        // F0-F4) before U+E000-U+FFFF (UTF-8 lead EE-EF). Only that pair of ranges is ordered differently.
        if (a >= 0xF0 && b is 0xEE or 0xEF) return -1;
        if (b >= 0xF0 && a is 0xEE or 0xEF) return 1;
        return a.CompareTo(b);
    }

    private void WriteString(ReadOnlySpan<byte> rawWithQuotes)
    {
        var raw = rawWithQuotes[1..^1];
        if (!raw.Contains((byte)'\\'))
        {
            // Without escapes the token holds no quote, backslash or control character: already canonical.
            output.Append((byte)'"');
            output.Append(raw);
            output.Append((byte)'"');
            return;
        }
        WriteEscaped(Unescape(raw));
    }

    private void WriteEscaped(ReadOnlySpan<byte> value)
    {
        output.Append((byte)'"');
        foreach (var b in value)
        {
            switch (b)
            {
                case (byte)'"': output.Append("\\\""u8); break;
                case (byte)'\\': output.Append("\\\\"u8); break;
                case (byte)'\b': output.Append("\\b"u8); break;
                case (byte)'\f': output.Append("\\f"u8); break;
                case (byte)'\n': output.Append("\\n"u8); break;
                case (byte)'\r': output.Append("\\r"u8); break;
                case (byte)'\t': output.Append("\\t"u8); break;
                case < 0x20:
                    output.Append("\\u00"u8);
                    output.Append(Hex[b >> 4]);
                    output.Append(Hex[b & 0xF]);
                    break;
                default: output.Append(b); break;
            }
        }
        output.Append((byte)'"');
    }

    /// <summary>Decodes JSON escapes into UTF-8; a lone surrogate has no UTF-8 form and is rejected.</summary>
    internal static byte[] Unescape(ReadOnlySpan<byte> raw)
    {
        var result = new List<byte>(raw.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\') { result.Add(raw[i]); continue; }
            var c = raw[++i];
            switch (c)
            {
                case (byte)'b': result.Add((byte)'\b'); break;
                case (byte)'f': result.Add((byte)'\f'); break;
                case (byte)'n': result.Add((byte)'\n'); break;
                case (byte)'r': result.Add((byte)'\r'); break;
                case (byte)'t': result.Add((byte)'\t'); break;
                case (byte)'u':
                    var unit = ParseHex4(raw.Slice(i + 1, 4));
                    i += 4;
                    int scalar = unit;
                    if (char.IsHighSurrogate((char)unit) && i + 6 < raw.Length
                        && raw[i + 1] == '\\' && raw[i + 2] == 'u' && char.IsLowSurrogate((char)ParseHex4(raw.Slice(i + 3, 4))))
                    {
                        scalar = char.ConvertToUtf32((char)unit, (char)ParseHex4(raw.Slice(i + 3, 4)));
                        i += 6;
                    }
                    else if (char.IsSurrogate((char)unit))
                    {
                        throw new CanonicalJsonException($"string holds a lone surrogate \\u{unit:x4}, which is not Unicode text (RFC 8785 §3.2.2.2)");
                    }
                    var length = new Rune(scalar).EncodeToUtf8(utf8);
                    for (var j = 0; j < length; j++) result.Add(utf8[j]);
                    break;
                default: result.Add(c); break; // \" \\ \/
            }
        }
        return [.. result];
    }

    private static int ParseHex4(ReadOnlySpan<byte> hex) =>
        int.Parse(Encoding.ASCII.GetString(hex), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private void WriteNumber(ReadOnlySpan<byte> raw)
    {
        if (numbers == CanonicalNumbers.Ecmascript)
        {
            var value = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!double.IsFinite(value))
                throw new CanonicalJsonException($"number {Encoding.ASCII.GetString(raw)} is outside the IEEE 754 double range (RFC 8785 §3.2.2.3)");
            output.Append(Encoding.ASCII.GetBytes(EcmascriptNumber.Format(value)));
            return;
        }
        var e = raw.IndexOfAny((byte)'e', (byte)'E');
        if (e < 0) { output.Append(raw); return; }
        var exponent = raw[(e + 1)..];
        var negative = exponent[0] == '-';
        if (exponent[0] is (byte)'-' or (byte)'+') exponent = exponent[1..];
        exponent = exponent.TrimStart((byte)'0');
        output.Append(raw[..e]);
        if (exponent.IsEmpty) return; // e0, e+00, e-0: no exponent at all
        output.Append((byte)'e');
        if (negative) output.Append((byte)'-');
        output.Append(exponent);
    }

    private readonly record struct Property(JsonProperty Value, byte[]? Unescaped)
    {
        public ReadOnlySpan<byte> Name => Unescaped ?? JsonMarshal.GetRawUtf8PropertyName(Value);
    }
}
