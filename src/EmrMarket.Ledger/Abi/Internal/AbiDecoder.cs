using System.Numerics;
using System.Text;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Abi;

/// <summary>
/// Decodes ABI data strictly: offsets and lengths must stay inside the data, and integers,
/// addresses, booleans and <c>bytesN</c> must carry clean padding (as Solidity's own decoder requires).
/// Values come back as BigInteger, EthAddress, bool, byte[], string, and object?[] for arrays and tuples.
/// </summary>
internal static class AbiDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static object?[] DecodeTuple(AbiType[] types, ReadOnlySpan<byte> data)
    {
        var head = 0;
        foreach (var type in types) head += type.HeadSize;
        if (data.Length < head) throw new AbiException($"ABI data of {data.Length} bytes is shorter than its {head}-byte head");
        return ReadTuple(types, data, 0);
    }

    private static object?[] ReadTuple(AbiType[] types, ReadOnlySpan<byte> data, int start)
    {
        var values = new object?[types.Length];
        var position = start;
        for (var i = 0; i < types.Length; i++)
        {
            values[i] = ReadAt(types[i], data, start, position);
            position += types[i].HeadSize;
        }
        return values;
    }

    private static object? ReadAt(AbiType type, ReadOnlySpan<byte> data, int start, int position)
    {
        if (!type.IsDynamic) return Read(type, data, position);
        var offset = ReadLength(data, position, type);
        var target = (long)start + offset;
        if (target > data.Length) throw new AbiException($"{type} offset {offset} points past the end of the data");
        return Read(type, data, (int)target);
    }

    private static object? Read(AbiType type, ReadOnlySpan<byte> data, int position)
    {
        if (type.Kind is not (AbiTypeKind.Array or AbiTypeKind.Tuple) && position + 32 > data.Length)
            throw new AbiException($"ABI data ends inside a {type} value");
        var word = type.Kind is AbiTypeKind.Array or AbiTypeKind.Tuple ? default : data.Slice(position, 32);
        switch (type.Kind)
        {
            case AbiTypeKind.UInt:
                var unsigned = new BigInteger(word, isUnsigned: true, isBigEndian: true);
                if (unsigned.GetBitLength() > type.Size) throw new AbiException($"value 0x{Convert.ToHexStringLower(word)} does not fit {type}");
                return unsigned;
            case AbiTypeKind.Int:
                var signed = new BigInteger(word, isUnsigned: false, isBigEndian: true);
                AbiValues.CheckRange(signed, type);
                return signed;
            case AbiTypeKind.Address:
                if (word[..12].ContainsAnyExcept((byte)0)) throw new AbiException("address word has non-zero high bytes");
                return new EthAddress(word[12..]);
            case AbiTypeKind.Bool:
                if (word[..31].ContainsAnyExcept((byte)0) || word[31] > 1) throw new AbiException("bool word is neither 0 nor 1");
                return word[31] == 1;
            case AbiTypeKind.FixedBytes:
                if (word[type.Size..].ContainsAnyExcept((byte)0)) throw new AbiException($"{type} word has non-zero padding");
                return word[..type.Size].ToArray();
            case AbiTypeKind.Bytes:
                return ReadBytes(data, position, type).ToArray();
            case AbiTypeKind.String:
                try
                {
                    return StrictUtf8.GetString(ReadBytes(data, position, type));
                }
                catch (DecoderFallbackException e)
                {
                    throw new AbiException("string value is not valid UTF-8", e);
                }
            case AbiTypeKind.Array:
                var count = type.Size;
                var start = position;
                if (count < 0)
                {
                    count = ReadLength(data, position, type);
                    start = position + 32;
                }
                var element = type.Element!;
                if ((long)count * element.HeadSize > data.Length - start)
                    throw new AbiException($"{type} of {count} elements does not fit in the data");
                var items = new object?[count];
                for (var i = 0; i < count; i++) items[i] = ReadAt(element, data, start, start + i * element.HeadSize);
                return items;
            default:
                if (position + type.HeadSize > data.Length) throw new AbiException($"ABI data ends inside a {type} value");
                return ReadTuple(type.ComponentTypes, data, position);
        }
    }

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> data, int position, AbiType type)
    {
        var length = ReadLength(data, position, type);
        if ((long)position + 32 + length > data.Length) throw new AbiException($"{type} of {length} bytes runs past the end of the data");
        return data.Slice(position + 32, length);
    }

    private static int ReadLength(ReadOnlySpan<byte> data, int position, AbiType type)
    {
        if (position + 32 > data.Length) throw new AbiException($"ABI data ends inside the offset or length of a {type}");
        var word = data.Slice(position, 32);
        if (word[..28].ContainsAnyExcept((byte)0) || word[28] >= 0x80)
            throw new AbiException($"offset or length of a {type} is too large");
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(word[28..]);
    }
}
