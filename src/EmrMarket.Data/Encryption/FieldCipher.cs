using System.Security.Cryptography;

namespace EmrMarket.Data.Encryption;

/// <summary>
/// AES-256-GCM (NIST SP 800-38D) with a random 96-bit nonce per encryption. Stored form:
/// version (1 byte, 0x01) ‖ nonce (12) ‖ ciphertext ‖ tag (16). The associated data is never stored: the reader
/// must know which key, column and row a ciphertext belongs to, so one moved elsewhere does not decrypt.
/// </summary>
internal static class FieldCipher
{
    private const byte Version = 1;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = 1 + NonceSize + TagSize;

    public static byte[] Seal(AesGcm aes, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[Overhead + plaintext.Length];
        Seal(aes, plaintext, associatedData, output);
        return output;
    }

    /// <summary>Seals into <paramref name="destination"/>, exactly <see cref="Overhead"/> bytes longer than the plaintext.</summary>
    public static void Seal(AesGcm aes, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        Span<byte> nonce = stackalloc byte[NonceSize];
        RandomNumberGenerator.Fill(nonce);
        SealWithNonce(aes, nonce, plaintext, associatedData, destination);
    }

    internal static byte[] SealWithNonce(AesGcm aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[Overhead + plaintext.Length];
        SealWithNonce(aes, nonce, plaintext, associatedData, output);
        return output;
    }

    private static void SealWithNonce(AesGcm aes, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        if (destination.Length != Overhead + plaintext.Length) throw new ArgumentException("the destination must be exactly the sealed size", nameof(destination));
        destination[0] = Version;
        nonce.CopyTo(destination[1..]);
        aes.Encrypt(nonce, plaintext, destination.Slice(1 + NonceSize, plaintext.Length), destination[(1 + NonceSize + plaintext.Length)..], associatedData);
    }

    public static byte[] Open(AesGcm aes, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBytes.Length < Overhead || sealedBytes[0] != Version)
            throw new KeyUnavailableException("not an EmrMarket ciphertext (wrong version or too short)");
        var length = sealedBytes.Length - Overhead;
        var plaintext = new byte[length];
        try
        {
            aes.Decrypt(sealedBytes.Slice(1, NonceSize), sealedBytes.Slice(1 + NonceSize, length), sealedBytes[^TagSize..], plaintext, associatedData);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new KeyUnavailableException("the ciphertext does not authenticate: wrong key, wrong row or column, or altered", e);
        }
        return plaintext;
    }
}
