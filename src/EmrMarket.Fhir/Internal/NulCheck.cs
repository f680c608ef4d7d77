namespace EmrMarket.Fhir.Internal;

/// <summary>
/// Finds the JSON escape \u0000 in raw entry bytes. FHIR strings should hold no control characters below U+0020 other
/// than tab, CR and LF (R4 §2.24.0.1, string), and PostgreSQL text cannot store NUL at all, so such an entry is refused
/// by the reader, where its index is known, rather than by the database.
/// </summary>
internal static class NulCheck
{
    private static ReadOnlySpan<byte> Escape => "\\u0000"u8;

    public static bool HasEscapedNul(ReadOnlySpan<byte> json)
    {
        var offset = 0;
        while (true)
        {
            var at = json[offset..].IndexOf(Escape);
            if (at < 0) return false;
            at += offset;
            var backslashes = 1;
            while (at - backslashes >= 0 && json[at - backslashes] == '\\') backslashes++;
            if (backslashes % 2 == 1) return true; // an odd run: the last backslash starts an escape, not an escaped "\\"
            offset = at + Escape.Length;
        }
    }

    public const string Detail = "a string holds a NUL character (\\u0000), which FHIR text should not contain and the database cannot store";
}
