using System.Text.Json;
using System.Text.Unicode;
using EmrMarket.Fhir.Internal;

namespace EmrMarket.Fhir.Canonical;

/// <summary>
/// The canonical form over which record hashes are computed: the JSON Canonicalization Scheme (RFC 8785) with
/// one deliberate difference for FHIR, numbers (see <see cref="CanonicalNumbers.Preserve"/>). docs/fhir.md
/// states the rules; the tests check them against JCS's published vectors and an independent implementation.
/// </summary>
public static class CanonicalJson
{
    internal static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    /// <summary>Returns the canonical UTF-8 form of a JSON text.</summary>
    /// <exception cref="CanonicalJsonException">The text is not UTF-8, not JSON, or has duplicate property names.</exception>
    public static byte[] Canonicalize(ReadOnlyMemory<byte> utf8Json, CanonicalNumbers numbers = CanonicalNumbers.Preserve)
    {
        if (!Utf8.IsValid(utf8Json.Span)) throw new CanonicalJsonException("the text is not valid UTF-8 (RFC 8259 §8.1)");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new CanonicalJsonException($"malformed JSON: {e.Message}", e);
        }
        using (document)
        {
            return Canonicalize(document.RootElement, numbers);
        }
    }

    /// <summary>Returns the canonical UTF-8 form of a parsed value whose source was valid UTF-8.</summary>
    public static byte[] Canonicalize(JsonElement element, CanonicalNumbers numbers = CanonicalNumbers.Preserve)
    {
        using var output = new ByteBuffer();
        new CanonicalWriter(output, numbers).Write(element);
        return output.ToArray();
    }
}
