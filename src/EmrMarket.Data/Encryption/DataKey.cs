using System.Security.Cryptography;
using System.Text;

namespace EmrMarket.Data.Encryption;

/// <summary>
/// One patient's (or provider's) AES-256 data key, in memory only while in use. Each ciphertext is bound by its
/// associated data to this key's id, the column and the row it is stored in.
/// </summary>
public sealed class DataKey : IDisposable
{
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

    public byte[] Encrypt(string column, Guid rowId, ReadOnlySpan<byte> plaintext) =>
        FieldCipher.Seal(_aes, plaintext, AssociatedData(column, rowId));

    public byte[] Decrypt(string column, Guid rowId, ReadOnlySpan<byte> ciphertext) =>
        FieldCipher.Open(_aes, ciphertext, AssociatedData(column, rowId));

    public void Dispose() => _aes.Dispose();

    private byte[] AssociatedData(string column, Guid rowId) => Encoding.ASCII.GetBytes($"emr/v1|{column}|{Id:N}|{rowId:N}");
}
