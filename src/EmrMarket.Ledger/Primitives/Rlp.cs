using System.Numerics;

namespace EmrMarket.Ledger.Primitives;

/// <summary>
/// Recursive Length Prefix encoding (Yellow Paper appendix B). Decoding is strict: it rejects
/// every non-canonical form (a single byte below 0x80 wrapped in a prefix, long forms for short
/// payloads, lengths with leading zeros, trailing bytes), as ethereum/tests' invalid RLP vectors demand.
/// </summary>
public static class Rlp
{
    /// <summary>The encoding of the empty byte string (also the integer zero).</summary>
    public static readonly byte[] EmptyString = [0x80];

    /// <summary>Encodes a byte string.</summary>
    public static byte[] EncodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 1 && bytes[0] < 0x80) return [bytes[0]];
        var result = new byte[PrefixLength(bytes.Length) + bytes.Length];
        var offset = WritePrefix(result, 0x80, bytes.Length);
        bytes.CopyTo(result.AsSpan(offset));
        return result;
    }

    /// <summary>Encodes a non-negative integer as its minimal big-endian bytes (zero is the empty string).</summary>
    public static byte[] EncodeInteger(BigInteger value)
    {
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "RLP integers are non-negative");
        if (value.IsZero) return EmptyString;
        return EncodeBytes(value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>Encodes a non-negative 64-bit integer.</summary>
    public static byte[] EncodeInteger(ulong value)
    {
        if (value == 0) return EmptyString;
        if (value < 0x80) return [(byte)value];
        Span<byte> buffer = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(buffer, value);
        var skip = BitOperations.LeadingZeroCount(value) / 8;
        return EncodeBytes(buffer[skip..]);
    }

    /// <summary>Encodes a list from its already-encoded elements.</summary>
    public static byte[] EncodeList(params IReadOnlyList<byte[]> encodedItems)
    {
        var payload = 0;
        foreach (var item in encodedItems) payload += item.Length;
        var result = new byte[PrefixLength(payload) + payload];
        var offset = WritePrefix(result, 0xc0, payload);
        foreach (var item in encodedItems)
        {
            item.CopyTo(result, offset);
            offset += item.Length;
        }
        return result;
    }

    /// <summary>Decodes exactly one item spanning all of <paramref name="encoded"/>.</summary>
    /// <exception cref="RlpException">Malformed, non-canonical, or trailing bytes.</exception>
    public static RlpItem Decode(ReadOnlyMemory<byte> encoded)
    {
        var item = DecodeAt(encoded, 0, out var consumed);
        if (consumed != encoded.Length)
            throw new RlpException($"{encoded.Length - consumed} trailing bytes after the RLP item");
        return item;
    }

    private static RlpItem DecodeAt(ReadOnlyMemory<byte> data, int start, out int end)
    {
        var span = data.Span;
        if (start >= span.Length) throw new RlpException("RLP input ends before an item starts");
        var prefix = span[start];
        if (prefix < 0x80)
        {
            end = start + 1;
            return new RlpItem(data.Slice(start, 1), data.Slice(start, 1));
        }
        var isList = prefix >= 0xc0;
        var shortBase = isList ? 0xc0 : 0x80;
        int headerLength, payloadLength;
        if (prefix <= shortBase + 55)
        {
            headerLength = 1;
            payloadLength = prefix - shortBase;
        }
        else
        {
            var lengthOfLength = prefix - shortBase - 55;
            if (start + 1 + lengthOfLength > span.Length) throw new RlpException("RLP length runs past the end of the input");
            if (span[start + 1] == 0) throw new RlpException("RLP length has leading zero bytes");
            if (lengthOfLength > 4) throw new RlpException($"RLP length of {lengthOfLength} bytes is too large");
            long length = 0;
            for (var i = 0; i < lengthOfLength; i++) length = length << 8 | span[start + 1 + i];
            if (length < 56) throw new RlpException($"RLP long form used for a {length}-byte payload");
            if (length > int.MaxValue) throw new RlpException("RLP payload too large");
            headerLength = 1 + lengthOfLength;
            payloadLength = (int)length;
        }
        var payloadStart = start + headerLength;
        if ((long)payloadStart + payloadLength > span.Length)
            throw new RlpException($"RLP item declares {payloadLength} bytes but only {span.Length - payloadStart} remain");
        end = payloadStart + payloadLength;
        var encoded = data[start..end];
        if (!isList)
        {
            if (payloadLength == 1 && span[payloadStart] < 0x80)
                throw new RlpException($"single byte 0x{span[payloadStart]:x2} must be encoded as itself, not with a prefix");
            return new RlpItem(data.Slice(payloadStart, payloadLength), encoded);
        }
        var items = new List<RlpItem>();
        var position = payloadStart;
        while (position < end)
        {
            items.Add(DecodeAt(data[..end], position, out position));
        }
        return new RlpItem(items, encoded);
    }

    private static int PrefixLength(int payload) => payload < 56 ? 1 : 1 + ByteCount(payload);

    private static int ByteCount(int value) => 4 - BitOperations.LeadingZeroCount((uint)value) / 8;

    private static int WritePrefix(byte[] target, int shortBase, int payload)
    {
        if (payload < 56)
        {
            target[0] = (byte)(shortBase + payload);
            return 1;
        }
        var count = ByteCount(payload);
        target[0] = (byte)(shortBase + 55 + count);
        for (var i = 0; i < count; i++) target[1 + i] = (byte)(payload >> (8 * (count - 1 - i)));
        return 1 + count;
    }
}
