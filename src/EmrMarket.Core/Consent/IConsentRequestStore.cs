using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Consent;

/// <summary>The consent_requests table.</summary>
public interface IConsentRequestStore
{
    /// <summary>
    /// The nonce the patient's next signed consent must carry: their on-chain version, or one past their newest
    /// request still on its way.
    /// </summary>
    Task<ulong> NextNonceAsync(EthAddress patient, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a request under a per-patient lock, so quick successive changes get consecutive nonces: the store
    /// assigns the next nonce and calls <paramref name="sign"/> with it for the signature.
    /// </summary>
    /// <exception cref="ConsentException">The wallet signed a nonce that is no longer the next one.</exception>
    Task<ConsentRequest> InsertAsync(NewConsentRequest request, Func<ulong, byte[]> sign, CancellationToken cancellationToken);

    Task<ConsentRequest?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>The account's requests, newest first.</summary>
    Task<IReadOnlyList<ConsentRequest>> ForAccountAsync(Guid accountId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: takes up to <paramref name="max"/> pending requests (oldest first), queues the outbox
    /// write <paramref name="toOutbox"/> makes of them, and marks them submitted with their batch index. Pending
    /// requests whose deadline has (nearly) passed are rejected instead. Null when nothing was pending.
    /// </summary>
    Task<IReadOnlyList<ConsentRequest>?> TakeBatchAsync(int max, Func<IReadOnlyList<ConsentRequest>, OutboxWrite> toOutbox,
        CancellationToken cancellationToken);

    /// <summary>Rejects submitted requests whose batch transaction failed; returns how many.</summary>
    Task<int> RejectFailedBatchesAsync(CancellationToken cancellationToken);

    /// <summary>Takes the relayer's lock (one relayer across app instances, so batches keep each patient's nonce order).</summary>
    Task<IAsyncDisposable?> TryLockRelayerAsync(CancellationToken cancellationToken);
}
