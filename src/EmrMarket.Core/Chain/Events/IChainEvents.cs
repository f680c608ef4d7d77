namespace EmrMarket.Core.Chain.Events;

/// <summary>
/// Changes to chain state and chain writes, raised in every app instance (from PostgreSQL notifications), so
/// pages refresh live. Handlers run on the listener's thread: keep them short (a Blazor component calls
/// InvokeAsync(StateHasChanged)) and never throw.
/// </summary>
public interface IChainEvents
{
    event Action<ChainChangeSet>? Changed;

    /// <summary>Raises <see cref="Changed"/> in this process (the listener calls it for every notification).</summary>
    void Publish(ChainChangeSet changes);
}
