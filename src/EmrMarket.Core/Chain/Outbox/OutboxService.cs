using EmrMarket.Core.Chain.Events;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>Queues chain writes (see <see cref="IOutbox"/>).</summary>
public sealed class OutboxService(IOutboxStore store, ISignerKeys signers, OutboxSignal signal, IChainEvents events) : IOutbox
{
    private static readonly TimeSpan PollFallback = TimeSpan.FromMilliseconds(500);

    public async Task<long> EnqueueAsync(OutboxRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > 200)
            throw new OutboxException("an outbox write needs an idempotency key of 1 to 200 characters");
        if (string.IsNullOrWhiteSpace(request.Kind)) throw new OutboxException("an outbox write needs a kind");
        if (request.Value.Sign < 0) throw new OutboxException("an outbox write cannot send a negative value");
        ArgumentNullException.ThrowIfNull(request.Data);

        var sender = await signers.AddressAsync(request.Signer, cancellationToken);
        var id = await store.InsertAsync(new OutboxWrite(request, sender), cancellationToken);
        signal.Wake();
        return id;
    }

    public Task<OutboxEntry?> GetAsync(long id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    public Task<OutboxEntry?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) => store.FindAsync(idempotencyKey, cancellationToken);

    public async Task<OutboxEntry> WaitAsync(long id, CancellationToken cancellationToken)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var changed = new Internal.AsyncPulse();
        void OnChanged(ChainChangeSet changes)
        {
            if (changes.Affects(ChangeKind.Outbox, key)) changed.Pulse();
        }
        events.Changed += OnChanged;
        try
        {
            while (true)
            {
                var entry = await store.GetAsync(id, cancellationToken) ?? throw new OutboxException($"there is no outbox row {id}");
                if (entry.IsFinal) return entry;
                await changed.WaitAsync(PollFallback, cancellationToken);
            }
        }
        finally
        {
            events.Changed -= OnChanged;
        }
    }
}
