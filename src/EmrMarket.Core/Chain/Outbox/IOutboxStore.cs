using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>The outbox table.</summary>
public interface IOutboxStore
{
    /// <summary>Inserts the row unless its idempotency key exists; returns the id either way.</summary>
    /// <exception cref="OutboxException">The key exists with another sender, target, data or value.</exception>
    Task<long> InsertAsync(OutboxWrite write, CancellationToken cancellationToken);

    Task<OutboxEntry?> GetAsync(long id, CancellationToken cancellationToken);

    Task<OutboxEntry?> FindAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The addresses with rows queued or sent.</summary>
    Task<IReadOnlyList<EthAddress>> OpenSendersAsync(CancellationToken cancellationToken);

    /// <summary>Takes the sending lock of <paramref name="sender"/> (across app instances); null when another instance holds it.</summary>
    Task<IOutboxSession?> TryOpenSessionAsync(EthAddress sender, CancellationToken cancellationToken);
}
