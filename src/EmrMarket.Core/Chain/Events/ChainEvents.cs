using Microsoft.Extensions.Logging;

namespace EmrMarket.Core.Chain.Events;

/// <summary>The in-process hub behind <see cref="IChainEvents"/>; one handler's failure does not stop the others.</summary>
public sealed class ChainEvents(ILogger<ChainEvents> logger) : IChainEvents
{
    public event Action<ChainChangeSet>? Changed;

    public void Publish(ChainChangeSet changes)
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Action<ChainChangeSet>>() ?? [])
        {
            try
            {
                handler(changes);
            }
            catch (Exception e)
            {
                logger.LogError(e, "A chain change handler failed");
            }
        }
    }
}
