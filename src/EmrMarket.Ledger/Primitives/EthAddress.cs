namespace EmrMarket.Ledger.Primitives;

/// <summary>
/// A 20-byte account address. <see cref="ToString"/> prints the EIP-55 mixed-case checksum form;
/// <see cref="Parse"/> rejects a mixed-case string whose checksum is wrong (EIP-55).
/// </summary>
public readonly struct EthAddress : IEquatable<EthAddress>, IComparable<EthAddress>
{
    private readonly byte[]? _bytes;

    /// <summary>Copies 20 bytes into a new address.</summary>
    /// <exception cref="LedgerFormatException">Not exactly 20 bytes.</exception>
    public EthAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 20) throw new LedgerFormatException($"an address must be 20 bytes, got {bytes.Length}");
        _bytes = bytes.ToArray();
    }

    private static readonly byte[] ZeroBytes = new byte[20];

    /// <summary>The zero address.</summary>
    public static EthAddress Zero { get; } = new(ZeroBytes);

    /// <summary>The 20 bytes (read-only view).</summary>
    public ReadOnlySpan<byte> Span => _bytes ?? ZeroBytes;

    /// <summary>A copy of the 20 bytes.</summary>
    public byte[] ToArray() => Span.ToArray();

    /// <summary>
    /// Parses "0x" followed by 40 hex digits. All-lowercase and all-uppercase forms carry no
    /// checksum; a mixed-case form must match its EIP-55 checksum.
    /// </summary>
    /// <exception cref="LedgerFormatException">Malformed, wrong length, or a wrong checksum.</exception>
    public static EthAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length != 42)
            throw new LedgerFormatException($"an address is 0x followed by 40 hex digits, got '{text}'");
        var address = new EthAddress(Hex.Decode(text));
        var digits = text.AsSpan(2);
        var hasLower = digits.ContainsAny("abcdef");
        var hasUpper = digits.ContainsAny("ABCDEF");
        if (hasLower && hasUpper && !digits.SequenceEqual(address.ToString().AsSpan(2)))
            throw new LedgerFormatException($"'{text}' has a wrong EIP-55 checksum (expected {address})");
        return address;
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out EthAddress address)
    {
        try
        {
            address = Parse(text!);
            return true;
        }
        catch (Exception e) when (e is LedgerFormatException or ArgumentNullException)
        {
            address = default;
            return false;
        }
    }

    /// <summary>
    /// The address of a public key: the last 20 bytes of the Keccak-256 of its 64-byte uncompressed
    /// form (Yellow Paper eq. 284).
    /// </summary>
    public static EthAddress FromPublicKey(ReadOnlySpan<byte> uncompressed64)
    {
        if (uncompressed64.Length != 64) throw new LedgerFormatException($"a public key must be 64 bytes (x‖y), got {uncompressed64.Length}");
        return new EthAddress(Keccak256.Hash(uncompressed64).Span[12..]);
    }

    /// <summary>The EIP-55 checksum form, "0x" followed by mixed-case hex.</summary>
    public override string ToString()
    {
        var lower = Convert.ToHexStringLower(Span);
        var hash = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(lower)).Span;
        return string.Create(42, (lower, hash.ToArray()), static (chars, state) =>
        {
            chars[0] = '0';
            chars[1] = 'x';
            for (var i = 0; i < 40; i++)
            {
                var c = state.lower[i];
                var nibble = (state.Item2[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
                chars[i + 2] = c >= 'a' && nibble >= 8 ? char.ToUpperInvariant(c) : c;
            }
        });
    }

    /// <summary>"0x" followed by lowercase hex, as JSON-RPC accepts it.</summary>
    public string ToLowerHex() => Hex.Encode(Span);

    /// <inheritdoc />
    public bool Equals(EthAddress other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EthAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(Span[16..]);

    /// <summary>Byte-wise order (numeric order of the addresses).</summary>
    public int CompareTo(EthAddress other) => Span.SequenceCompareTo(other.Span);

    /// <summary>Equality by value.</summary>
    public static bool operator ==(EthAddress left, EthAddress right) => left.Equals(right);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(EthAddress left, EthAddress right) => !left.Equals(right);
}
