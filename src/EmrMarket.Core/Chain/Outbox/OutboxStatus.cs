namespace EmrMarket.Core.Chain.Outbox;

public enum OutboxStatus
{
    /// <summary>Waiting to be signed (or for the row it depends on).</summary>
    Queued,

    /// <summary>Signed and persisted, broadcast (again after restarts) until mined under the confirmation depth.</summary>
    Sent,

    /// <summary>Mined with status 1 under the confirmation depth.</summary>
    Confirmed,

    /// <summary>Reverted (mined with status 0, or refused by gas estimation), rejected by the node, or its dependency failed.</summary>
    Failed,
}
