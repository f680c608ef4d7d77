using System.Numerics;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Transactions;

/// <summary>A signed transaction: its fields, signature, raw encoding, hash and sender.</summary>
/// <param name="Transaction">The unsigned fields.</param>
/// <param name="Signature">The signature.</param>
/// <param name="Raw">The bytes for <c>eth_sendRawTransaction</c>.</param>
/// <param name="Hash">keccak256 of <paramref name="Raw"/>: the transaction hash.</param>
/// <param name="From">The sender.</param>
public sealed record SignedTransaction(Transaction Transaction, Signature Signature, byte[] Raw, Hash32 Hash, EthAddress From)
{
    /// <summary>
    /// Decodes a raw legacy or EIP-1559 transaction and recovers its sender.
    /// </summary>
    /// <param name="raw">The raw bytes.</param>
    /// <param name="expectedChainId">When set, a transaction for any other chain (or unprotected) is rejected.</param>
    /// <exception cref="TransactionException">Malformed, unsupported type, bad signature or wrong chain.</exception>
    public static SignedTransaction Decode(byte[] raw, ulong? expectedChainId = null)
    {
        if (raw.Length == 0) throw new TransactionException("empty raw transaction");
        SignedTransaction result;
        try
        {
            result = raw[0] switch
            {
                0x02 => DecodeEip1559(raw),
                >= 0xc0 => DecodeLegacy(raw),
                _ => throw new TransactionException($"transaction type 0x{raw[0]:x2} is not supported (legacy and EIP-1559 are)"),
            };
        }
        catch (LedgerFormatException e) when (e is not TransactionException)
        {
            throw new TransactionException($"malformed raw transaction: {e.Message}", e);
        }
        if (expectedChainId is { } expected && result.Transaction.ChainId != expected)
            throw new TransactionException($"the transaction is for chain {result.Transaction.ChainId?.ToString() ?? "(none, pre-EIP-155)"}, expected {expected}");
        return result;
    }

    private static SignedTransaction DecodeEip1559(byte[] raw)
    {
        var items = Rlp.Decode(raw.AsMemory(1)).Items;
        if (items.Count != 12) throw new TransactionException($"an EIP-1559 transaction has 12 fields, got {items.Count}");
        var transaction = new Eip1559Transaction
        {
            ChainIdValue = items[0].ToUInt64(),
            Nonce = items[1].ToUInt64(),
            MaxPriorityFeePerGas = items[2].ToBigInteger(),
            MaxFeePerGas = items[3].ToBigInteger(),
            GasLimit = items[4].ToUInt64(),
            To = ToAddress(items[5]),
            Value = items[6].ToBigInteger(),
            Data = items[7].Bytes.ToArray(),
            AccessList = items[8].Items.Select(e => new AccessListEntry(
                new EthAddress(e.Items[0].Bytes.Span),
                e.Items[1].Items.Select(k => new Hash32(k.Bytes.Span)).ToArray())).ToArray(),
        };
        var yParity = items[9].ToUInt64();
        if (yParity > 1) throw new TransactionException($"yParity must be 0 or 1, got {yParity}");
        var signature = new Signature(items[10].ToBigInteger(), items[11].ToBigInteger(), (int)yParity);
        return Recovered(transaction, signature, raw);
    }

    private static SignedTransaction DecodeLegacy(byte[] raw)
    {
        var items = Rlp.Decode(raw).Items;
        if (items.Count != 9) throw new TransactionException($"a legacy transaction has 9 fields, got {items.Count}");
        var v = items[6].ToBigInteger();
        ulong? chainId = null;
        int recoveryId;
        if (v == 27 || v == 28)
        {
            recoveryId = (int)(v - 27);
        }
        else if (v >= 37)
        {
            chainId = (ulong)((v - 35) / 2);
            recoveryId = (int)((v - 35) % 2);
        }
        else
        {
            throw new TransactionException($"legacy transaction v = {v} is neither 27/28 nor EIP-155");
        }
        var transaction = new LegacyTransaction
        {
            Nonce = items[0].ToUInt64(),
            GasPrice = items[1].ToBigInteger(),
            GasLimit = items[2].ToUInt64(),
            To = ToAddress(items[3]),
            Value = items[4].ToBigInteger(),
            Data = items[5].Bytes.ToArray(),
            ReplayProtectionChainId = chainId,
        };
        var signature = new Signature(items[7].ToBigInteger(), items[8].ToBigInteger(), recoveryId);
        return Recovered(transaction, signature, raw);
    }

    private static SignedTransaction Recovered(Transaction transaction, Signature signature, byte[] raw) =>
        new(transaction, signature, raw, Keccak256.Hash(raw), signature.RecoverAddress(transaction.SigningHash()));

    private static EthAddress? ToAddress(RlpItem item)
    {
        var bytes = item.Bytes.Span;
        return bytes.Length switch
        {
            0 => null,
            20 => new EthAddress(bytes),
            _ => throw new TransactionException($"recipient must be empty or 20 bytes, got {bytes.Length}"),
        };
    }

    /// <summary>"0x"-prefixed hex of the raw bytes.</summary>
    public string RawHex => Hex.Encode(Raw);

    /// <summary>Wei this transaction can cost at most: gas limit × max fee (or gas price) + value.</summary>
    public BigInteger MaxCost => Transaction switch
    {
        Eip1559Transaction t => t.MaxFeePerGas * t.GasLimit + t.Value,
        LegacyTransaction t => t.GasPrice * t.GasLimit + t.Value,
        _ => Transaction.Value,
    };
}
