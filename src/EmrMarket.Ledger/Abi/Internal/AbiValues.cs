using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Abi;

/// <summary>
/// Turns the .NET values callers pass (BigInteger or any integer, decimal or hex strings,
/// EthAddress, Hash32, byte[], bool, lists, dictionaries by component name, JsonElement) into the
/// value each ABI type needs, with a typed error naming the type when one does not fit.
/// </summary>
internal static class AbiValues
{
    public static BigInteger ToInteger(object? value, AbiType type)
    {
        BigInteger result = value switch
        {
            BigInteger b => b,
            int i => i,
            long l => l,
            uint u => u,
            ulong ul => ul,
            short s => s,
            ushort us => us,
            byte by => by,
            sbyte sb => sb,
            string s => ParseInteger(s, type),
            JsonElement { ValueKind: JsonValueKind.Number } j => BigInteger.Parse(j.GetRawText(), CultureInfo.InvariantCulture),
            JsonElement { ValueKind: JsonValueKind.String } j => ParseInteger(j.GetString()!, type),
            bool => throw Mismatch(value, type),
            _ => throw Mismatch(value, type),
        };
        CheckRange(result, type);
        return result;
    }

    public static void CheckRange(BigInteger value, AbiType type)
    {
        var fits = type.Kind == AbiTypeKind.UInt
            ? value.Sign >= 0 && value.GetBitLength() <= type.Size
            : value.GetBitLength() < type.Size || value == -(BigInteger.One << (type.Size - 1));
        if (!fits) throw new AbiException($"value {value} does not fit {type}");
    }

    public static EthAddress ToAddress(object? value, AbiType type) => value switch
    {
        EthAddress a => a,
        string s => EthAddress.TryParse(s, out var a) ? a : throw new AbiException($"'{s}' is not an address (EIP-55) for {type}"),
        byte[] { Length: 20 } b => new EthAddress(b),
        JsonElement { ValueKind: JsonValueKind.String } j => ToAddress(j.GetString(), type),
        _ => throw Mismatch(value, type),
    };

    public static bool ToBool(object? value, AbiType type) => value switch
    {
        bool b => b,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        _ => throw Mismatch(value, type),
    };

    public static byte[] ToBytes(object? value, AbiType type)
    {
        var bytes = value switch
        {
            byte[] b => b,
            Hash32 h => h.Unsafe,
            EthAddress a => a.ToArray(),
            ReadOnlyMemory<byte> m => m.ToArray(),
            string s => ParseHex(s, type),
            JsonElement { ValueKind: JsonValueKind.String } j => ParseHex(j.GetString()!, type),
            _ => throw Mismatch(value, type),
        };
        if (type.Kind == AbiTypeKind.FixedBytes && bytes.Length != type.Size)
            throw new AbiException($"{type} needs exactly {type.Size} bytes, got {bytes.Length}");
        return bytes;
    }

    public static string ToText(object? value, AbiType type) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } j => j.GetString()!,
        _ => throw Mismatch(value, type),
    };

    public static IList ToList(object? value, AbiType type)
    {
        var list = value switch
        {
            byte[] => throw Mismatch(value, type),
            string => throw Mismatch(value, type),
            IList l => l,
            JsonElement { ValueKind: JsonValueKind.Array } j => j.EnumerateArray().Select(e => (object?)e).ToArray(),
            IEnumerable e => e.Cast<object?>().ToArray(),
            _ => throw Mismatch(value, type),
        };
        if (type.Kind == AbiTypeKind.Array && type.Size >= 0 && list.Count != type.Size)
            throw new AbiException($"{type} needs {type.Size} elements, got {list.Count}");
        return list;
    }

    /// <summary>Tuple values by position, or by component name from a dictionary or JSON object.</summary>
    public static IList ToTuple(object? value, AbiType type)
    {
        IList list = value switch
        {
            IReadOnlyDictionary<string, object?> d => type.Components.Select(c => d.TryGetValue(c.Name, out var v)
                ? v : throw new AbiException($"{type} value lacks component '{c.Name}'")).ToArray(),
            JsonElement { ValueKind: JsonValueKind.Object } j => type.Components.Select(c => j.TryGetProperty(c.Name, out var v)
                ? (object?)v : throw new AbiException($"{type} value lacks component '{c.Name}'")).ToArray(),
            _ => ToList(value, type),
        };
        if (list.Count != type.Components.Count)
            throw new AbiException($"{type} needs {type.Components.Count} values, got {list.Count}");
        return list;
    }

    private static BigInteger ParseInteger(string text, AbiType type)
    {
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        BigInteger magnitude;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (digits.Length == 2 || !BigInteger.TryParse("0" + digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out magnitude))
                throw new AbiException($"'{text}' is not an integer for {type}");
        }
        else if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || !BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude))
        {
            throw new AbiException($"'{text}' is not an integer for {type}");
        }
        return negative ? -magnitude : magnitude;
    }

    private static byte[] ParseHex(string text, AbiType type)
    {
        try
        {
            return Hex.Decode(text);
        }
        catch (LedgerFormatException e)
        {
            throw new AbiException($"{type} value is not hex: {e.Message}", e);
        }
    }

    private static AbiException Mismatch(object? value, AbiType type) =>
        new($"a {(value is null ? "null" : value.GetType().Name)} value cannot be encoded as {type}");
}
