namespace EmrMarket.Ledger.Primitives;

/// <summary>
/// Hexadecimal encoding as used by Ethereum JSON-RPC ("0x"-prefixed, execution-apis "bytes" and
/// "quantity" encodings).
/// </summary>
public static class Hex
{
    /// <summary>Encodes bytes as lowercase hex with a "0x" prefix.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Encodes bytes as lowercase hex without a prefix.</summary>
    public static string EncodeNoPrefix(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>
    /// Decodes hex with or without a "0x" prefix.
    /// </summary>
    /// <exception cref="LedgerFormatException">Odd length or a character that is not a hex digit.</exception>
    public static byte[] Decode(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.AsSpan();
        if (digits.StartsWith("0x") || digits.StartsWith("0X")) digits = digits[2..];
        if (digits.Length % 2 != 0)
            throw new LedgerFormatException($"hex string has an odd number of digits ({digits.Length}): '{Shorten(hex)}'");
        var result = new byte[digits.Length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            var hi = Nibble(digits[2 * i]);
            var lo = Nibble(digits[2 * i + 1]);
            if ((hi | lo) < 0)
                throw new LedgerFormatException($"'{Shorten(hex)}' is not hex: bad character at position {2 * i + (hi < 0 ? 0 : 1)}");
            result[i] = (byte)(hi << 4 | lo);
        }
        return result;
    }

    /// <summary>Decodes hex that must be exactly <paramref name="length"/> bytes long.</summary>
    /// <exception cref="LedgerFormatException">Malformed hex or the wrong length.</exception>
    public static byte[] Decode(string hex, int length, string what)
    {
        var bytes = Decode(hex);
        if (bytes.Length != length)
            throw new LedgerFormatException($"{what} must be {length} bytes, got {bytes.Length}");
        return bytes;
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string Shorten(string s) => s.Length <= 24 ? s : s[..24] + "…";
}
