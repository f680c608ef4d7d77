using System.Text.Json;

namespace EmrMarket.Ledger.Abi;

/// <summary>
/// A Solidity ABI type (Contract ABI Specification), parsed from its canonical name
/// (<c>uint256</c>, <c>bytes32[2][]</c>, <c>(address,uint256)[]</c>) or from a JSON ABI parameter
/// with <c>components</c>.
/// </summary>
public sealed class AbiType
{
    private AbiType(AbiTypeKind kind, int size, AbiType? element, IReadOnlyList<AbiParameter>? components)
    {
        Kind = kind;
        Size = size;
        Element = element;
        Components = components ?? [];
        IsDynamic = kind switch
        {
            AbiTypeKind.Bytes or AbiTypeKind.String => true,
            AbiTypeKind.Array => size < 0 || element!.IsDynamic,
            AbiTypeKind.Tuple => Components.Any(c => c.Type.IsDynamic),
            _ => false,
        };
        HeadSize = IsDynamic ? 32 : kind switch
        {
            AbiTypeKind.Array => size * element!.HeadSize,
            AbiTypeKind.Tuple => Components.Sum(c => c.Type.HeadSize),
            _ => 32,
        };
        CanonicalName = kind switch
        {
            AbiTypeKind.UInt => $"uint{size}",
            AbiTypeKind.Int => $"int{size}",
            AbiTypeKind.Address => "address",
            AbiTypeKind.Bool => "bool",
            AbiTypeKind.FixedBytes => $"bytes{size}",
            AbiTypeKind.Bytes => "bytes",
            AbiTypeKind.String => "string",
            AbiTypeKind.Array => element!.CanonicalName + (size < 0 ? "[]" : $"[{size}]"),
            _ => "(" + string.Join(",", Components.Select(c => c.Type.CanonicalName)) + ")",
        };
        ComponentTypes = Components.Select(c => c.Type).ToArray();
    }

    /// <summary>The kind of type.</summary>
    public AbiTypeKind Kind { get; }

    /// <summary>Bits of an integer, N of <c>bytesN</c>, the length of a fixed array, -1 for a dynamic array.</summary>
    public int Size { get; }

    /// <summary>The element type of an array.</summary>
    public AbiType? Element { get; }

    /// <summary>The components of a tuple (empty otherwise).</summary>
    public IReadOnlyList<AbiParameter> Components { get; }

    internal AbiType[] ComponentTypes { get; }

    /// <summary>Whether the encoding is dynamic (placed in the tail behind an offset).</summary>
    public bool IsDynamic { get; }

    /// <summary>Bytes this type takes in the head of an enclosing tuple.</summary>
    public int HeadSize { get; }

    /// <summary>The canonical name used in signatures, e.g. <c>(address,uint256)[]</c>.</summary>
    public string CanonicalName { get; }

    /// <inheritdoc />
    public override string ToString() => CanonicalName;

    /// <summary>A tuple of the given component types (names empty).</summary>
    public static AbiType Tuple(params IReadOnlyList<AbiType> types) =>
        new(AbiTypeKind.Tuple, 0, null, types.Select(t => new AbiParameter("", t)).ToArray());

    /// <summary>A tuple of the given named components.</summary>
    public static AbiType Tuple(IReadOnlyList<AbiParameter> components) => new(AbiTypeKind.Tuple, 0, null, components);

    /// <summary>Parses a canonical type name such as <c>uint8</c>, <c>bytes</c>, <c>(uint256,string)[3]</c>.</summary>
    /// <exception cref="AbiException">An unknown or malformed type.</exception>
    public static AbiType Parse(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var text = type.Trim();
        if (text.EndsWith(']'))
        {
            var open = text.LastIndexOf('[');
            if (open < 0) throw new AbiException($"malformed ABI type '{type}'");
            var inner = Parse(text[..open]);
            var lengthText = text[(open + 1)..^1];
            if (lengthText.Length == 0) return new AbiType(AbiTypeKind.Array, -1, inner, null);
            if (!int.TryParse(lengthText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length) || length <= 0)
                throw new AbiException($"malformed array length in ABI type '{type}'");
            return new AbiType(AbiTypeKind.Array, length, inner, null);
        }
        if (text.StartsWith('(') && text.EndsWith(')'))
            return Tuple(SplitTopLevel(text[1..^1], type).Select(Parse).ToArray());
        return ParseElementary(text, type);
    }

    /// <summary>Parses a JSON ABI parameter (<c>{"type": "tuple[]", "components": [...]}</c>).</summary>
    public static AbiType FromJson(JsonElement parameter)
    {
        var type = parameter.GetProperty("type").GetString() ?? throw new AbiException("ABI parameter without a type");
        if (!type.StartsWith("tuple", StringComparison.Ordinal)) return Parse(type);
        if (!parameter.TryGetProperty("components", out var components))
            throw new AbiException($"ABI parameter of type '{type}' lacks components");
        var tuple = Tuple(AbiJson.Parameters(components));
        var suffix = type["tuple".Length..];
        return suffix.Length == 0 ? tuple : WrapArrays(tuple, suffix, type);
    }

    private static AbiType WrapArrays(AbiType inner, string suffix, string whole)
    {
        var result = inner;
        var rest = suffix;
        while (rest.Length > 0)
        {
            var close = rest.IndexOf(']');
            if (!rest.StartsWith('[') || close < 0) throw new AbiException($"malformed ABI type '{whole}'");
            var lengthText = rest[1..close];
            var length = lengthText.Length == 0 ? -1
                : int.TryParse(lengthText, out var n) && n > 0 ? n : throw new AbiException($"malformed array length in '{whole}'");
            result = new AbiType(AbiTypeKind.Array, length, result, null);
            rest = rest[(close + 1)..];
        }
        return result;
    }

    private static AbiType ParseElementary(string text, string whole)
    {
        switch (text)
        {
            case "address": return new AbiType(AbiTypeKind.Address, 160, null, null);
            case "bool": return new AbiType(AbiTypeKind.Bool, 8, null, null);
            case "bytes": return new AbiType(AbiTypeKind.Bytes, 0, null, null);
            case "string": return new AbiType(AbiTypeKind.String, 0, null, null);
            case "uint": return new AbiType(AbiTypeKind.UInt, 256, null, null);
            case "int": return new AbiType(AbiTypeKind.Int, 256, null, null);
        }
        if (TrySuffix(text, "uint", out var bits) && bits is >= 8 and <= 256 && bits % 8 == 0)
            return new AbiType(AbiTypeKind.UInt, bits, null, null);
        if (TrySuffix(text, "int", out bits) && bits is >= 8 and <= 256 && bits % 8 == 0)
            return new AbiType(AbiTypeKind.Int, bits, null, null);
        if (TrySuffix(text, "bytes", out var n) && n is >= 1 and <= 32)
            return new AbiType(AbiTypeKind.FixedBytes, n, null, null);
        throw new AbiException($"unknown ABI type '{whole}'");
    }

    private static bool TrySuffix(string text, string prefix, out int value)
    {
        value = 0;
        return text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length && char.IsAsciiDigit(text[prefix.Length])
            && int.TryParse(text.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    internal static List<string> SplitTopLevel(string list, string whole)
    {
        var parts = new List<string>();
        if (list.Trim().Length == 0) return parts;
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    parts.Add(list[start..i]);
                    start = i + 1;
                    break;
            }
            if (depth < 0) throw new AbiException($"unbalanced parentheses in '{whole}'");
        }
        if (depth != 0) throw new AbiException($"unbalanced parentheses in '{whole}'");
        parts.Add(list[start..]);
        return parts;
    }
}
