using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Chain.Internal;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>Wakes the outbox senders when a row is queued here, or anywhere (through <see cref="IChainEvents"/>).</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly AsyncPulse _pulse = new();
    private readonly IChainEvents _events;

    public OutboxSignal(IChainEvents events)
    {
        _events = events;
        _events.Changed += OnChanged;
    }

    public void Wake() => _pulse.Pulse();

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pulse.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _events.Changed -= OnChanged;

    private void OnChanged(ChainChangeSet changes)
    {
        if (changes.Touches(ChangeKind.Outbox)) _pulse.Pulse();
    }
}
