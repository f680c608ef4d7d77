using System.Security.Cryptography;
using System.Text.Unicode;

namespace EmrMarket.Data.Encryption;

/// <summary>
/// One patient's (or provider's) AES-256 data key, in memory only while in use. Each ciphertext is bound by its
/// associated data to this key's id, the column and the row it is stored in.
/// </summary>
public sealed class DataKey : IDisposable
{
    /// <summary>Bytes a ciphertext adds to its plaintext: version, nonce and tag.</summary>
    public const int Overhead = FieldCipher.Overhead;

    private const int MaxAssociatedData = 256;
    private readonly AesGcm _aes;

    public DataKey(Guid id, byte[] key)
    {
        if (key.Length != 32) throw new ArgumentException("a data key is 32 bytes", nameof(key));
        Id = id;
        _aes = new AesGcm(key, FieldCipher.TagSize);
        CryptographicOperations.ZeroMemory(key);
    }

    public Guid Id { get; }

    public static (DataKey Key, byte[] Material) Create()
    {
        var material = RandomNumberGenerator.GetBytes(32);
        return (new DataKey(Guid.CreateVersion7(), (byte[])material.Clone()), material);
    }

    public byte[] Encrypt(string column, Guid rowId, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[Overhead + plaintext.Length];
        Encrypt(column, rowId, plaintext, output);
        return output;
    }

    /// <summary>Encrypts into <paramref name="destination"/>, exactly <see cref="Overhead"/> bytes longer than the plaintext.</summary>
    public void Encrypt(string column, Guid rowId, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        Span<byte> associatedData = stackalloc byte[MaxAssociatedData];
        FieldCipher.Seal(_aes, plaintext, AssociatedData(column, rowId, associatedData), destination);
    }

    public byte[] Decrypt(string column, Guid rowId, ReadOnlySpan<byte> ciphertext)
    {
        Span<byte> associatedData = stackalloc byte[MaxAssociatedData];
        return FieldCipher.Open(_aes, ciphertext, AssociatedData(column, rowId, associatedData));
    }

    public void Dispose() => _aes.Dispose();

    /// <summary>"emr/v1|{column}|{key id}|{row id}" in ASCII, ids as 32 hex digits.</summary>
    private ReadOnlySpan<byte> AssociatedData(string column, Guid rowId, Span<byte> buffer) =>
        Utf8.TryWrite(buffer, $"emr/v1|{column}|{Id:N}|{rowId:N}", out var written)
            ? buffer[..written]
            : throw new ArgumentException("the column name is too long", nameof(column));
}
