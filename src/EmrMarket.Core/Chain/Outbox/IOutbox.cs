namespace EmrMarket.Core.Chain.Outbox;

/// <summary>
/// The only way to write to the chain: queue a write as a row; background senders sign, persist, broadcast and
/// confirm it (docs/marketplace.md, "Chain writes"). Status changes arrive through
/// <see cref="Events.IChainEvents"/> as <see cref="Events.ChangeKind.Outbox"/> with the row id as key.
/// </summary>
public interface IOutbox
{
    /// <summary>Queues a write and returns its row id; the same idempotency key again returns the same id and writes nothing.</summary>
    /// <exception cref="OutboxException">The key was used for a different write, or the signer has no key.</exception>
    Task<long> EnqueueAsync(OutboxRequest request, CancellationToken cancellationToken);

    Task<OutboxEntry?> GetAsync(long id, CancellationToken cancellationToken);

    Task<OutboxEntry?> FindAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Waits until the row is confirmed or failed and returns it.</summary>
    Task<OutboxEntry> WaitAsync(long id, CancellationToken cancellationToken);
}
