using System.Numerics;
using System.Text;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Tests.Differential;

/// <summary>Seeded random ABI types and values, and their spelling on cast's command line.</summary>
internal sealed class RandomAbi(int seed)
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private readonly Random _random = new(seed);

    public Random Random => _random;

    public AbiType Type(int depth = 0)
    {
        var roll = _random.Next(depth >= 2 ? 8 : 11);
        return roll switch
        {
            0 => AbiType.Parse($"uint{8 * _random.Next(1, 33)}"),
            1 => AbiType.Parse($"int{8 * _random.Next(1, 33)}"),
            2 => AbiType.Parse("address"),
            3 => AbiType.Parse("bool"),
            4 => AbiType.Parse($"bytes{_random.Next(1, 33)}"),
            5 => AbiType.Parse("bytes"),
            6 => AbiType.Parse("string"),
            7 => AbiType.Parse("uint256"),
            8 => AbiType.Parse(Type(depth + 1).CanonicalName + "[]"),
            9 => AbiType.Parse(Type(depth + 1).CanonicalName + $"[{_random.Next(1, 4)}]"),
            _ => AbiType.Tuple(Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Type(depth + 1)).ToArray()),
        };
    }

    public object? Value(AbiType type) => type.Kind switch
    {
        AbiTypeKind.UInt => Unsigned(type.Size),
        AbiTypeKind.Int => Unsigned(type.Size) - (BigInteger.One << (type.Size - 1)),
        AbiTypeKind.Address => new EthAddress(Bytes(20)),
        AbiTypeKind.Bool => _random.Next(2) == 1,
        AbiTypeKind.FixedBytes => Bytes(type.Size),
        AbiTypeKind.Bytes => Bytes(_random.Next(0, 70)),
        AbiTypeKind.String => Text(_random.Next(0, 40)),
        AbiTypeKind.Array => Enumerable.Range(0, type.Size >= 0 ? type.Size : _random.Next(0, 4)).Select(_ => Value(type.Element!)).ToArray(),
        _ => type.ComponentTypes.Select(Value).ToArray(),
    };

    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    public BigInteger Unsigned(int bits)
    {
        var max = (BigInteger.One << bits) - 1;
        return _random.Next(6) switch
        {
            0 => BigInteger.Zero,
            1 => max,
            _ => new BigInteger(Bytes(bits / 8), isUnsigned: true) >> _random.Next(0, bits),
        };
    }

    public string Text(int length)
    {
        if (length == 0) return "";
        var builder = new StringBuilder();
        builder.Append(Letters[_random.Next(26)]);
        for (var i = 1; i < length; i++) builder.Append(_random.Next(8) == 0 ? ' ' : Letters[_random.Next(Letters.Length)]);
        return builder.ToString().TrimEnd();
    }

    /// <summary>The value as cast's argument parser reads it.</summary>
    public static string CastLiteral(AbiType type, object? value, bool nested = false) => type.Kind switch
    {
        AbiTypeKind.UInt or AbiTypeKind.Int => ((BigInteger)value!).ToString(),
        AbiTypeKind.Address => ((EthAddress)value!).ToLowerHex(),
        AbiTypeKind.Bool => (bool)value! ? "true" : "false",
        AbiTypeKind.FixedBytes or AbiTypeKind.Bytes => Hex.Encode((byte[])value!),
        AbiTypeKind.String => nested ? $"\"{value}\"" : (string)value!,
        AbiTypeKind.Array => "[" + string.Join(",", ((object?[])value!).Select(v => CastLiteral(type.Element!, v, true))) + "]",
        _ => "(" + string.Join(",", ((object?[])value!).Select((v, i) => CastLiteral(type.ComponentTypes[i], v, true))) + ")",
    };

    /// <summary>Structural equality of decoded values.</summary>
    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => Same(p.First, p.Second)),
        _ => Equals(a, b),
    };
}
