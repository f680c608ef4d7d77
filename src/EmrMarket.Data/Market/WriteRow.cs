using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Core.Market;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Data.Market;

/// <summary>The outbox columns a marketplace row is read with (joined as <c>o</c>), turned into a <see cref="ChainWrite"/>.</summary>
internal abstract class WriteRow
{
    public const string Columns = """
        o.id as OutboxId, o.status as OutboxStatus, o.tx_hash as OutboxTx, o.block_number as OutboxBlock, o.last_error as LastError,
        o.revert_error as RevertError, o.revert_reason as RevertReason
        """;

    public long? OutboxId { get; init; }
    public string? OutboxStatus { get; init; }
    public byte[]? OutboxTx { get; init; }
    public long? OutboxBlock { get; init; }
    public string? LastError { get; init; }
    public string? RevertError { get; init; }
    public string? RevertReason { get; init; }

    protected ChainWrite? Write => OutboxId is { } id
        ? ChainWrite.Of(id, Enum.Parse<Core.Chain.Outbox.OutboxStatus>(OutboxStatus!, ignoreCase: true), OutboxTx is null ? null : new Hash32(OutboxTx),
            (ulong?)OutboxBlock, LastError, RevertError, RevertReason)
        : null;

    protected static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
