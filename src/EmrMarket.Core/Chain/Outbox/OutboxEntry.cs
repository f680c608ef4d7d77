using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>An outbox row as stored.</summary>
/// <param name="Sender">The signing address.</param>
/// <param name="RevertError">The decoded revert's error name (a custom error such as <c>RecordAnchorAlreadyAnchored</c>, or Error/Panic).</param>
/// <param name="RevertReason">The decoded revert with its arguments, e.g. <c>RecordAnchorAlreadyAnchored(0x…, 0x…, 1700000000)</c>.</param>
public sealed record OutboxEntry(
    long Id,
    string IdempotencyKey,
    string Kind,
    OutboxSigner Signer,
    EthAddress Sender,
    EthAddress To,
    byte[] Data,
    BigInteger Value,
    ulong? GasLimit,
    long? AfterId,
    OutboxStatus Status,
    ulong? Nonce,
    byte[]? RawTransaction,
    Hash32? TransactionHash,
    int Attempts,
    string? LastError,
    string? RevertError,
    string? RevertReason,
    ulong? BlockNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public bool IsFinal => Status is OutboxStatus.Confirmed or OutboxStatus.Failed;
}
