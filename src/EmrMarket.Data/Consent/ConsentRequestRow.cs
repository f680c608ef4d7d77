using EmrMarket.Core.Consent;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Data.Consent;

/// <summary>A consent_requests row as Dapper reads it.</summary>
internal sealed class ConsentRequestRow
{
    public const string Columns = """
        id, account_id as AccountId, patient, purposes, expiry::text as Expiry, nonce, deadline, signature, source, status, outbox_id as OutboxId,
        batch_index as BatchIndex, reject_reason as RejectReason, reject_detail as RejectDetail, block_number as BlockNumber, tx_hash as TxHash,
        created_at as CreatedAt, updated_at as UpdatedAt
        """;

    public long Id { get; init; }
    public Guid AccountId { get; init; }
    public string Patient { get; init; } = "";
    public long Purposes { get; init; }
    public string Expiry { get; init; } = "0";
    public long Nonce { get; init; }
    public long Deadline { get; init; }
    public byte[] Signature { get; init; } = [];
    public string Source { get; init; } = "";
    public string Status { get; init; } = "";
    public long? OutboxId { get; init; }
    public int? BatchIndex { get; init; }
    public short? RejectReason { get; init; }
    public string? RejectDetail { get; init; }
    public long? BlockNumber { get; init; }
    public byte[]? TxHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public ConsentRequest ToRequest() => new(Id, AccountId,
        new ConsentMessage(EthAddress.Parse(Patient), (Purpose)Purposes, ulong.Parse(Expiry, System.Globalization.CultureInfo.InvariantCulture),
            (ulong)Nonce, (ulong)Deadline),
        Signature, Enum.Parse<ConsentSource>(Source, ignoreCase: true), Enum.Parse<ConsentRequestStatus>(Status, ignoreCase: true), OutboxId,
        BatchIndex, (ConsentRejection?)RejectReason, RejectDetail, (ulong?)BlockNumber, TxHash is null ? null : new Hash32(TxHash),
        new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
}
