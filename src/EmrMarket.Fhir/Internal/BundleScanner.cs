using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace EmrMarket.Fhir.Internal;

/// <summary>
/// Finds the entries of a Bundle (FHIR R4 §2.36) in a buffer that holds only part of the file, with
/// <see cref="Utf8JsonReader"/> in its partial-input mode: each call consumes the complete steps in the buffer and
/// reports how far it got, so the caller can refill and call again. Only one entry is ever held whole.
/// </summary>
internal sealed class BundleScanner(string source)
{
    private static readonly string[] SupportedTypes = ["transaction", "batch", "collection"];

    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 128 });
    private Phase _phase = Phase.Start;
    private int _entries;

    public string? BundleType { get; private set; }

    public bool Done => _phase == Phase.End;

    /// <summary>Scans <paramref name="buffer"/>; returns how many bytes were consumed.</summary>
    /// <param name="buffer">The unconsumed bytes.</param>
    /// <param name="final">True when no more bytes will come.</param>
    /// <param name="entry">Called with each complete entry's index and bytes (a slice of the buffer).</param>
    /// <param name="offset">The buffer's position in the file, for messages.</param>
    public int Scan(ReadOnlyMemory<byte> buffer, bool final, Action<int, ReadOnlyMemory<byte>> entry, long offset)
    {
        var reader = new Utf8JsonReader(buffer.Span, final, _state);
        var consumed = 0;
        try
        {
            while (_phase != Phase.End)
            {
                var probe = reader;
                if (!Step(ref probe, buffer, entry)) break;
                reader = probe;
                consumed = (int)reader.BytesConsumed;
                _state = reader.CurrentState;
            }
            if (_phase == Phase.End && final)
            {
                var rest = reader;
                if (rest.Read()) throw Error(FhirErrorCode.MalformedJson, "content after the end of the Bundle");
            }
        }
        catch (JsonException e)
        {
            throw Error(FhirErrorCode.MalformedJson, $"{Trim(e.Message)} (near byte {offset + consumed})", e);
        }
        if (final && _phase != Phase.End) throw Error(FhirErrorCode.MalformedJson, $"the file ends inside the Bundle (byte {offset + buffer.Length})");
        return consumed;
    }

    /// <summary>One complete step, or false (reader untouched by the caller) when the buffer ends mid-step.</summary>
    private bool Step(ref Utf8JsonReader reader, ReadOnlyMemory<byte> buffer, Action<int, ReadOnlyMemory<byte>> entry)
    {
        if (!reader.Read()) return false;
        switch (_phase)
        {
            case Phase.Start:
                if (reader.TokenType != JsonTokenType.StartObject) throw Error(FhirErrorCode.NotABundle, "the file is not a JSON object");
                _phase = Phase.Properties;
                return true;
            case Phase.Properties:
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    if (BundleType is null) throw Error(FhirErrorCode.UnsupportedBundleType, "the Bundle has no type");
                    _phase = Phase.End;
                    return true;
                }
                return Property(ref reader, buffer);
            default: // Phase.Entries
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.Properties;
                    return true;
                }
                if (reader.TokenType != JsonTokenType.StartObject) throw Error(FhirErrorCode.MalformedResource, $"entry {_entries} is not an object");
                var start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip()) return false;
                var bytes = buffer[start..(int)reader.BytesConsumed];
                if (!Utf8.IsValid(bytes.Span)) throw new FhirException(source, _entries, FhirErrorCode.InvalidUtf8, "the entry holds bytes that are not UTF-8");
                if (NulCheck.HasEscapedNul(bytes.Span)) throw new FhirException(source, _entries, FhirErrorCode.InvalidValue, NulCheck.Detail);
                entry(_entries++, bytes);
                return true;
        }
    }

    private bool Property(ref Utf8JsonReader reader, ReadOnlyMemory<byte> buffer)
    {
        if (!Utf8.IsValid(reader.ValueSpan)) throw Error(FhirErrorCode.InvalidUtf8, "a Bundle property name is not UTF-8");
        var name = reader.GetString();
        if (!reader.Read()) return false;
        switch (name)
        {
            case "entry" when reader.TokenType == JsonTokenType.StartArray:
                _phase = Phase.Entries;
                return true;
            case "resourceType":
                var type = reader.TokenType == JsonTokenType.String && Utf8.IsValid(reader.ValueSpan) ? reader.GetString() : null;
                if (type != "Bundle") throw Error(FhirErrorCode.NotABundle, $"the file holds a {EntryParser.Printable(type ?? "non-resource")}, not a Bundle");
                return true;
            case "type":
                BundleType = reader.TokenType == JsonTokenType.String && Utf8.IsValid(reader.ValueSpan) ? reader.GetString() : "?";
                if (!SupportedTypes.Contains(BundleType))
                    throw Error(FhirErrorCode.UnsupportedBundleType, $"Bundle.type {EntryParser.Printable(BundleType!)} is not supported (transaction, batch or collection)");
                return true;
            default:
                var start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip()) return false;
                if (!Utf8.IsValid(buffer.Span[start..(int)reader.BytesConsumed]))
                    throw Error(FhirErrorCode.InvalidUtf8, $"Bundle.{EntryParser.Printable(name!)} holds bytes that are not UTF-8");
                return true;
        }
    }

    private static string Trim(string message) => message.Split(" LineNumber:")[0];

    private FhirException Error(FhirErrorCode code, string detail, Exception? inner = null) =>
        new(source, _phase == Phase.Entries ? _entries : null, code, detail, inner);

    private enum Phase { Start, Properties, Entries, End }
}
