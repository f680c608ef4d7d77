using System.Numerics;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Transactions;

/// <summary>
/// A legacy (type 0) transaction. With a chain id it is signed per EIP-155:
/// hash of rlp([nonce, gasPrice, gas, to, value, data, chainId, 0, 0]) and v = recId + 35 + 2·chainId.
/// </summary>
public sealed record LegacyTransaction : Transaction
{
    private readonly ulong? _chainId;

    /// <summary>The gas price in wei.</summary>
    public required BigInteger GasPrice { get; init; }

    /// <inheritdoc />
    public override ulong? ChainId => _chainId;

    /// <summary>The chain id, or null for an unprotected (pre-EIP-155) transaction.</summary>
    public ulong? ReplayProtectionChainId
    {
        get => _chainId;
        init => _chainId = value;
    }

    /// <inheritdoc />
    public override Hash32 SigningHash()
    {
        var fields = new List<byte[]>(9) { Rlp.EncodeInteger(Nonce), Rlp.EncodeInteger(GasPrice) };
        fields.AddRange(CommonFields());
        if (_chainId is { } chainId)
        {
            fields.Add(Rlp.EncodeInteger(chainId));
            fields.Add(Rlp.EmptyString);
            fields.Add(Rlp.EmptyString);
        }
        return Keccak256.Hash(Rlp.EncodeList(fields));
    }

    /// <inheritdoc />
    public override byte[] EncodeSigned(Signature signature)
    {
        var v = _chainId is { } chainId
            ? new BigInteger(chainId) * 2 + 35 + signature.RecoveryId
            : 27 + signature.RecoveryId;
        var fields = new List<byte[]>(9) { Rlp.EncodeInteger(Nonce), Rlp.EncodeInteger(GasPrice) };
        fields.AddRange(CommonFields());
        fields.Add(Rlp.EncodeInteger(v));
        fields.Add(EncodeSignatureValue(signature.R));
        fields.Add(EncodeSignatureValue(signature.S));
        return Rlp.EncodeList(fields);
    }
}
