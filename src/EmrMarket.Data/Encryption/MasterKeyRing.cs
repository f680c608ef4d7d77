using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EmrMarket.Data.Encryption;

/// <summary>
/// The configured master keys, each known by an id derived from it (SHA-256 of a label and the key, first 8
/// bytes in hex), so a wrapped data key says which master key opens it without revealing anything about it.
/// </summary>
public sealed class MasterKeyRing
{
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public MasterKeyRing(IOptions<EncryptionOptions> options)
    {
        var value = options.Value;
        var failure = new EncryptionOptionsValidator().Validate(null, value);
        if (failure.Failed) throw new OptionsValidationException(EncryptionOptions.Section, typeof(EncryptionOptions), failure.Failures);
        TryDecode(value.MasterKey, out var current);
        CurrentId = IdOf(current);
        _keys[CurrentId] = current;
        foreach (var retired in value.RetiredMasterKeys)
        {
            TryDecode(retired, out var key);
            _keys.TryAdd(IdOf(key), key);
        }
    }

    /// <summary>The id of the master key new data keys are wrapped under.</summary>
    public string CurrentId { get; }

    public static string IdOf(ReadOnlySpan<byte> masterKey)
    {
        var hash = SHA256.HashData([.. "EmrMarket master key id\0"u8, .. masterKey]);
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    public static bool TryDecode(string base64, out byte[] key)
    {
        key = [];
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        return key.Length == 32;
    }

    /// <summary>Wraps a data key under the current master key.</summary>
    public byte[] Wrap(Guid dataKeyId, ReadOnlySpan<byte> material)
    {
        using var aes = new AesGcm(_keys[CurrentId], FieldCipher.TagSize);
        return FieldCipher.Seal(aes, material, AssociatedData(dataKeyId));
    }

    /// <summary>Unwraps a data key; fails when its master key is not configured or the wrapped bytes were altered.</summary>
    public DataKey Unwrap(Guid dataKeyId, string masterKeyId, byte[] wrapped) => new(dataKeyId, UnwrapMaterial(dataKeyId, masterKeyId, wrapped));

    internal byte[] UnwrapMaterial(Guid dataKeyId, string masterKeyId, byte[] wrapped)
    {
        if (!_keys.TryGetValue(masterKeyId, out var master))
            throw new KeyUnavailableException($"data key {dataKeyId} is wrapped under master key {masterKeyId}, which is not configured (Encryption:MasterKey or Encryption:RetiredMasterKeys)");
        using var aes = new AesGcm(master, FieldCipher.TagSize);
        return FieldCipher.Open(aes, wrapped, AssociatedData(dataKeyId));
    }

    private static byte[] AssociatedData(Guid dataKeyId) => Encoding.ASCII.GetBytes($"emr/v1|data_keys.wrapped|{dataKeyId:N}");
}
