using System.Numerics;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Transactions;

/// <summary>
/// An EIP-1559 (type 2) transaction: 0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas,
/// maxFeePerGas, gasLimit, to, value, data, accessList, yParity, r, s]).
/// </summary>
public sealed record Eip1559Transaction : Transaction
{
    /// <summary>The EIP-155 chain id.</summary>
    public required ulong ChainIdValue { get; init; }

    /// <summary>The tip per gas to the block producer, in wei.</summary>
    public required BigInteger MaxPriorityFeePerGas { get; init; }

    /// <summary>The most the sender pays per gas (base fee plus tip), in wei.</summary>
    public required BigInteger MaxFeePerGas { get; init; }

    /// <summary>The EIP-2930 access list.</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    /// <inheritdoc />
    public override ulong? ChainId => ChainIdValue;

    /// <inheritdoc />
    public override Hash32 SigningHash()
    {
        var payload = Rlp.EncodeList(Fields(null));
        return Keccak256.Hash(Typed(payload));
    }

    /// <inheritdoc />
    public override byte[] EncodeSigned(Signature signature) => Typed(Rlp.EncodeList(Fields(signature)));

    private List<byte[]> Fields(Signature? signature)
    {
        var fields = new List<byte[]>(12)
        {
            Rlp.EncodeInteger(ChainIdValue),
            Rlp.EncodeInteger(Nonce),
            Rlp.EncodeInteger(MaxPriorityFeePerGas),
            Rlp.EncodeInteger(MaxFeePerGas),
        };
        fields.AddRange(CommonFields());
        fields.Add(Rlp.EncodeList(AccessList
            .Select(e => Rlp.EncodeList(Rlp.EncodeBytes(e.Address.Span), Rlp.EncodeList(e.StorageKeys.Select(k => Rlp.EncodeBytes(k.Span)).ToArray())))
            .ToArray()));
        if (signature is not null)
        {
            fields.Add(Rlp.EncodeInteger((ulong)signature.RecoveryId));
            fields.Add(EncodeSignatureValue(signature.R));
            fields.Add(EncodeSignatureValue(signature.S));
        }
        return fields;
    }

    private static byte[] Typed(byte[] payload)
    {
        var result = new byte[payload.Length + 1];
        result[0] = 0x02;
        payload.CopyTo(result, 1);
        return result;
    }
}
