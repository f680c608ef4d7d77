using System.Security.Cryptography;

namespace EmrMarket.Deid.Pseudonyms;

/// <summary>
/// The secret key of one dataset. Pseudonyms and date shifts are keyed with it, so two datasets
/// built with different secrets cannot be joined on their pseudonyms unless the curator shares the
/// key. It never appears in output, reports or logs.
/// </summary>
public sealed class DatasetSecret
{
    /// <summary>The smallest key accepted, in bytes (128 bits).</summary>
    public const int MinimumLength = 16;

    private readonly byte[] key;

    /// <summary>Wraps a key of at least <see cref="MinimumLength"/> bytes.</summary>
    /// <exception cref="DeidException">The key is too short.</exception>
    public DatasetSecret(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumLength)
            throw new DeidException($"a dataset secret needs at least {MinimumLength} bytes; this one has {key.Length}");
        this.key = key.ToArray();
    }

    /// <summary>A fresh random 256-bit secret.</summary>
    public static DatasetSecret Generate() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Reads a secret written as hexadecimal.</summary>
    /// <exception cref="DeidException">Not hexadecimal, or too short.</exception>
    public static DatasetSecret FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        try
        {
            return new DatasetSecret(Convert.FromHexString(hex.Trim()));
        }
        catch (FormatException)
        {
            throw new DeidException("the dataset secret is not hexadecimal");
        }
    }

    /// <summary>The key as hexadecimal, for storing it in a secret store.</summary>
    public string ToHex() => Convert.ToHexStringLower(key);

    /// <summary>Never shows the key.</summary>
    public override string ToString() => "DatasetSecret(hidden)";

    internal byte[] Mac(string purpose, string value) =>
        HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes($"emrmarket/{purpose}/v1\0{value}"));
}
