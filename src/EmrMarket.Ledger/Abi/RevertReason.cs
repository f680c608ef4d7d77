using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Abi;

/// <summary>
/// A decoded revert: <c>Error(string)</c>, <c>Panic(uint256)</c> (Solidity docs, "Panic via
/// assert and Error via require"), or a custom error found by its selector.
/// </summary>
/// <param name="Kind">What the data is.</param>
/// <param name="Message">A readable summary, e.g. <c>Ownable: caller is not the owner</c>, <c>panic 0x11 (arithmetic overflow)</c> or <c>ConsentExpired(0x…, 1700000000)</c>.</param>
/// <param name="ErrorName">The error's name (Error, Panic or the custom error's), or null.</param>
/// <param name="Arguments">The error's decoded arguments.</param>
/// <param name="Data">The raw revert data.</param>
public sealed record RevertReason(RevertKind Kind, string Message, string? ErrorName, IReadOnlyList<object?> Arguments, byte[] Data)
{
    private static readonly AbiError ErrorString = new("Error", [new AbiParameter("message", AbiType.Parse("string"))]);
    private static readonly AbiError PanicCode = new("Panic", [new AbiParameter("code", AbiType.Parse("uint256"))]);

    /// <summary>Decodes revert data, looking custom errors up in <paramref name="errors"/>.</summary>
    public static RevertReason Decode(ReadOnlySpan<byte> data, IEnumerable<AbiError>? errors = null)
    {
        var bytes = data.ToArray();
        if (data.Length == 0) return new RevertReason(RevertKind.Empty, "reverted without a reason", null, [], bytes);
        if (data.Length >= 4)
        {
            try
            {
                if (data[..4].SequenceEqual(ErrorString.Selector))
                {
                    var message = (string)ErrorString.Decode(data)[0]!;
                    return new RevertReason(RevertKind.Error, message, "Error", [message], bytes);
                }
                if (data[..4].SequenceEqual(PanicCode.Selector))
                {
                    var code = (System.Numerics.BigInteger)PanicCode.Decode(data)[0]!;
                    return new RevertReason(RevertKind.Panic, $"panic 0x{code:x2} ({PanicDescription(code)})", "Panic", [code], bytes);
                }
                foreach (var error in errors ?? [])
                {
                    if (!data[..4].SequenceEqual(error.Selector)) continue;
                    var arguments = error.Decode(data);
                    return new RevertReason(RevertKind.Custom, $"{error.Name}({string.Join(", ", arguments.Select(Format))})", error.Name, arguments, bytes);
                }
            }
            catch (AbiException)
            {
                // The selector matched but the rest did not decode: report it as unknown data below.
            }
        }
        return new RevertReason(RevertKind.Unknown, $"reverted with unrecognised data {Hex.Encode(data)}", null, [], bytes);
    }

    /// <summary>The meaning of a Solidity panic code.</summary>
    public static string PanicDescription(System.Numerics.BigInteger code) => (int)(code > 0xff ? 0 : code) switch
    {
        0x01 => "assertion failed",
        0x11 => "arithmetic overflow or underflow",
        0x12 => "division or modulo by zero",
        0x21 => "invalid enum value",
        0x22 => "invalid storage byte array encoding",
        0x31 => "pop on an empty array",
        0x32 => "array index out of bounds",
        0x41 => "out of memory",
        0x51 => "call to an uninitialised function",
        _ => "generic panic",
    };

    internal static string Format(object? value) => value switch
    {
        byte[] b => Hex.Encode(b),
        object?[] a => "[" + string.Join(", ", a.Select(Format)) + "]",
        string s => $"\"{s}\"",
        null => "null",
        _ => value.ToString() ?? "",
    };

    /// <inheritdoc />
    public override string ToString() => Message;
}
