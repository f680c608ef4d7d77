using System.Buffers;

namespace EmrMarket.Fhir.Internal;

/// <summary>A growable byte buffer on pooled arrays; <see cref="Dispose"/> returns the array.</summary>
internal sealed class ByteBuffer(int initialCapacity = 4096) : IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(byte value)
    {
        if (Length == _array.Length) Grow(1);
        _array[Length++] = value;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _array.Length) Grow(bytes.Length);
        bytes.CopyTo(_array.AsSpan(Length));
        Length += bytes.Length;
    }

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        Length = 0;
    }

    private void Grow(int needed)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, Length + needed));
        _array.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }
}
