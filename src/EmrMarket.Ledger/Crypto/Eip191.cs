using System.Text;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Crypto;

/// <summary>EIP-191 version 0x45 ("personal_sign") message hashing and signer recovery.</summary>
public static class Eip191
{
    /// <summary>keccak256("\x19Ethereum Signed Message:\n" + len(message) + message).</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> message)
    {
        var prefix = Encoding.ASCII.GetBytes($"\u0019Ethereum Signed Message:\n{message.Length}");
        var data = new byte[prefix.Length + message.Length];
        prefix.CopyTo(data, 0);
        message.CopyTo(data.AsSpan(prefix.Length));
        return Keccak256.Hash(data);
    }

    /// <summary>The hash of a UTF-8 text message.</summary>
    public static Hash32 Hash(string message) => Hash(Encoding.UTF8.GetBytes(message));

    /// <summary>The address that signed <paramref name="message"/>.</summary>
    public static EthAddress RecoverSigner(ReadOnlySpan<byte> message, Signature signature) =>
        signature.RecoverAddress(Hash(message));
}
