using System.Numerics;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Transactions;

/// <summary>
/// An unsigned transaction: <see cref="LegacyTransaction"/> (with EIP-155 replay protection) or
/// <see cref="Eip1559Transaction"/> (type 2).
/// </summary>
public abstract record Transaction
{
    /// <summary>The sender's nonce.</summary>
    public required ulong Nonce { get; init; }

    /// <summary>The gas limit.</summary>
    public required ulong GasLimit { get; init; }

    /// <summary>The recipient; null creates a contract.</summary>
    public EthAddress? To { get; init; }

    /// <summary>Wei transferred.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Call data or creation code.</summary>
    public byte[] Data { get; init; } = [];

    /// <summary>The EIP-155 chain id (null only for a pre-EIP-155 legacy transaction).</summary>
    public abstract ulong? ChainId { get; }

    /// <summary>The hash the sender signs.</summary>
    public abstract Hash32 SigningHash();

    /// <summary>The raw signed encoding for <c>eth_sendRawTransaction</c>.</summary>
    public abstract byte[] EncodeSigned(Signature signature);

    /// <summary>Signs with <paramref name="key"/>: the raw bytes, hash and sender.</summary>
    public SignedTransaction Sign(PrivateKey key)
    {
        var signature = key.Sign(SigningHash());
        var raw = EncodeSigned(signature);
        return new SignedTransaction(this, signature, raw, Keccak256.Hash(raw), key.Address);
    }

    private protected byte[][] CommonFields() =>
    [
        Rlp.EncodeInteger(GasLimit),
        To is { } to ? Rlp.EncodeBytes(to.Span) : Rlp.EmptyString,
        Rlp.EncodeInteger(Value),
        Rlp.EncodeBytes(Data),
    ];

    private protected static byte[] EncodeSignatureValue(BigInteger value) => Rlp.EncodeInteger(value);
}
