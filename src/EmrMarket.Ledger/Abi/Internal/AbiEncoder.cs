using System.Collections;
using System.Text;

namespace EmrMarket.Ledger.Abi;

/// <summary>
/// The encoding function enc() of the Contract ABI Specification ("Formal Specification of the
/// Encoding"): sizes are computed first so each call writes into one exactly-sized buffer.
/// </summary>
internal static class AbiEncoder
{
    public static byte[] EncodeTuple(AbiType[] types, IList values, ReadOnlySpan<byte> prefix = default)
    {
        if (values.Count != types.Length)
            throw new AbiException($"expected {types.Length} values, got {values.Count}");
        var size = TupleSize(types, values);
        var result = new byte[prefix.Length + size];
        prefix.CopyTo(result);
        WriteTuple(types, values, result.AsSpan(prefix.Length, size));
        return result;
    }

    /// <summary>The number of bytes <paramref name="value"/> takes where it is placed (tail for dynamic types).</summary>
    public static int Size(AbiType type, object? value)
    {
        if (!type.IsDynamic) return type.HeadSize;
        switch (type.Kind)
        {
            case AbiTypeKind.Bytes:
                return 32 + Padded(AbiValues.ToBytes(value, type).Length);
            case AbiTypeKind.String:
                return 32 + Padded(Encoding.UTF8.GetByteCount(AbiValues.ToText(value, type)));
            case AbiTypeKind.Array:
                var list = AbiValues.ToList(value, type);
                return (type.Size < 0 ? 32 : 0) + ElementsSize(type.Element!, list);
            default:
                var tuple = AbiValues.ToTuple(value, type);
                return TupleSize(type.ComponentTypes, tuple);
        }
    }

    public static void Write(AbiType type, object? value, Span<byte> target)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.UInt:
            case AbiTypeKind.Int:
                WriteInteger(value, type, target);
                return;
            case AbiTypeKind.Address:
                AbiValues.ToAddress(value, type).Span.CopyTo(target[12..32]);
                return;
            case AbiTypeKind.Bool:
                target[31] = AbiValues.ToBool(value, type) ? (byte)1 : (byte)0;
                return;
            case AbiTypeKind.FixedBytes:
                AbiValues.ToBytes(value, type).CopyTo(target);
                return;
            case AbiTypeKind.Bytes:
                var bytes = AbiValues.ToBytes(value, type);
                WriteLength(bytes.Length, target);
                bytes.CopyTo(target[32..]);
                return;
            case AbiTypeKind.String:
                var text = AbiValues.ToText(value, type);
                var written = Encoding.UTF8.GetBytes(text, target[32..]);
                WriteLength(written, target);
                return;
            case AbiTypeKind.Array:
                var list = AbiValues.ToList(value, type);
                if (type.Size < 0)
                {
                    WriteLength(list.Count, target);
                    target = target[32..];
                }
                WriteElements(type.Element!, list, target);
                return;
            default:
                WriteTuple(type.ComponentTypes, AbiValues.ToTuple(value, type), target);
                return;
        }
    }

    private static void WriteInteger(object? value, AbiType type, Span<byte> target)
    {
        switch (value)
        {
            case int i when type.Kind == AbiTypeKind.Int || i >= 0:
                WriteInt64(i, type, target);
                return;
            case long l when type.Kind == AbiTypeKind.Int || l >= 0:
                WriteInt64(l, type, target);
                return;
            case ulong u when type.Size >= 64 || u >> type.Size == 0:
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(target[24..32], u);
                return;
        }
        var number = AbiValues.ToInteger(value, type);
        if (number.Sign < 0) target[..32].Fill(0xFF);
        var count = number.GetByteCount(isUnsigned: number.Sign >= 0);
        number.TryWriteBytes(target.Slice(32 - count, count), out _, isUnsigned: number.Sign >= 0, isBigEndian: true);
    }

    private static void WriteInt64(long value, AbiType type, Span<byte> target)
    {
        if (type.Size < 64) AbiValues.CheckRange(value, type);
        if (value < 0) target[..24].Fill(0xFF);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(target[24..32], value);
    }

    private static int TupleSize(AbiType[] types, IList values)
    {
        var size = 0;
        for (var i = 0; i < types.Length; i++)
            size += types[i].IsDynamic ? 32 + Size(types[i], values[i]) : types[i].HeadSize;
        return size;
    }

    private static int ElementsSize(AbiType element, IList list)
    {
        if (!element.IsDynamic) return element.HeadSize * list.Count;
        var size = 0;
        foreach (var item in list) size += 32 + Size(element, item);
        return size;
    }

    private static void WriteTuple(AbiType[] types, IList values, Span<byte> target)
    {
        var head = 0;
        foreach (var type in types) head += type.HeadSize;
        var tail = head;
        var position = 0;
        for (var i = 0; i < types.Length; i++)
        {
            var type = types[i];
            if (type.IsDynamic)
            {
                WriteLength(tail, target[position..]);
                var size = Size(type, values[i]);
                Write(type, values[i], target.Slice(tail, size));
                tail += size;
            }
            else
            {
                Write(type, values[i], target.Slice(position, type.HeadSize));
            }
            position += type.HeadSize;
        }
    }

    private static void WriteElements(AbiType element, IList list, Span<byte> target)
    {
        if (!element.IsDynamic)
        {
            for (var i = 0; i < list.Count; i++) Write(element, list[i], target.Slice(i * element.HeadSize, element.HeadSize));
            return;
        }
        var tail = 32 * list.Count;
        for (var i = 0; i < list.Count; i++)
        {
            WriteLength(tail, target[(32 * i)..]);
            var size = Size(element, list[i]);
            Write(element, list[i], target.Slice(tail, size));
            tail += size;
        }
    }

    private static void WriteLength(int value, Span<byte> target) =>
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(target[24..32], value);

    private static int Padded(int length) => (length + 31) / 32 * 32;
}
