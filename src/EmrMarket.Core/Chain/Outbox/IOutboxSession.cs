using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>
/// One sender's rows, on the connection that holds its advisory lock: if the connection (and with it the lock)
/// is lost, every write here fails, so two instances never sign for one address.
/// </summary>
public interface IOutboxSession : IAsyncDisposable
{
    EthAddress Sender { get; }

    /// <summary>Rows signed and not yet confirmed or failed, by nonce.</summary>
    Task<IReadOnlyList<OutboxEntry>> SentAsync(CancellationToken cancellationToken);

    /// <summary>Queued rows whose dependency (if any) is confirmed, oldest first; fails those whose dependency failed.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadyAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The highest nonce this sender's rows hold, or null.</summary>
    Task<ulong?> MaxNonceAsync(CancellationToken cancellationToken);

    /// <summary>Marks the rows sent with their nonce, raw bytes and hash, in one transaction, before any is broadcast.</summary>
    Task MarkSentAsync(IReadOnlyList<SignedOutboxRow> rows, CancellationToken cancellationToken);

    Task MarkConfirmedAsync(long id, ulong blockNumber, Hash32 blockHash, ulong gasUsed, CancellationToken cancellationToken);

    /// <summary>Fails the row; <paramref name="releaseNonce"/> clears its nonce when its transaction can never be mined.</summary>
    Task MarkFailedAsync(long id, string error, RevertReason? revert, bool releaseNonce, CancellationToken cancellationToken);

    /// <summary>Counts an attempt that went wrong and keeps the row's status.</summary>
    Task RecordErrorAsync(long id, string error, CancellationToken cancellationToken);

    /// <summary>Puts a sent row back to queued (its nonce was used by another transaction, so its own can never be mined).</summary>
    Task RequeueAsync(long id, string reason, CancellationToken cancellationToken);

    /// <summary>Makes a queued row wait for another (a gas top-up).</summary>
    Task SetAfterAsync(long id, long afterId, CancellationToken cancellationToken);
}
