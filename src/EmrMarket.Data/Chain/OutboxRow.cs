using System.Numerics;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Data.Chain;

/// <summary>An outbox row as Dapper reads it.</summary>
internal sealed class OutboxRow
{
    public const string Columns = """
        id, idempotency_key as IdempotencyKey, kind, signer_role as SignerRole, signer_id as SignerId, sender, to_address as ToAddress,
        data, value::text as Value, gas_limit as GasLimit, after_id as AfterId, status, nonce, raw_tx as RawTx, tx_hash as TxHash,
        attempts, last_error as LastError, revert_error as RevertError, revert_reason as RevertReason, block_number as BlockNumber,
        created_at as CreatedAt, completed_at as CompletedAt
        """;

    public long Id { get; init; }
    public string IdempotencyKey { get; init; } = "";
    public string Kind { get; init; } = "";
    public string SignerRole { get; init; } = "";
    public Guid? SignerId { get; init; }
    public string Sender { get; init; } = "";
    public string ToAddress { get; init; } = "";
    public byte[] Data { get; init; } = [];
    public string Value { get; init; } = "0";
    public long? GasLimit { get; init; }
    public long? AfterId { get; init; }
    public string Status { get; init; } = "";
    public long? Nonce { get; init; }
    public byte[]? RawTx { get; init; }
    public byte[]? TxHash { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public string? RevertError { get; init; }
    public string? RevertReason { get; init; }
    public long? BlockNumber { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? CompletedAt { get; init; }

    public static string RoleName(SignerRole role) => role.ToString().ToLowerInvariant();

    public static string StatusName(OutboxStatus status) => status.ToString().ToLowerInvariant();

    public OutboxEntry ToEntry() => new(
        Id, IdempotencyKey, Kind,
        new OutboxSigner(Enum.Parse<SignerRole>(SignerRole, ignoreCase: true), SignerId),
        EthAddress.Parse(Sender), EthAddress.Parse(ToAddress), Data, BigInteger.Parse(Value, System.Globalization.CultureInfo.InvariantCulture),
        (ulong?)GasLimit, AfterId, Enum.Parse<OutboxStatus>(Status, ignoreCase: true), (ulong?)Nonce, RawTx,
        TxHash is null ? null : new Hash32(TxHash), Attempts, LastError, RevertError, RevertReason, (ulong?)BlockNumber,
        new DateTimeOffset(CreatedAt, TimeSpan.Zero), CompletedAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null);
}
