using System.ComponentModel.DataAnnotations;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>How the outbox senders work. Bound from the "Outbox" section; the defaults suit anvil and most networks.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Transactions one sender keeps in flight (signed, not yet confirmed).</summary>
    [Range(1, 1000)]
    public int MaxInFlight { get; set; } = 64;

    /// <summary>How often a sender with transactions in flight looks for receipts.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the dispatcher looks for rows when nothing woke it.</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A sender with nothing to do releases its lock after this long.</summary>
    public TimeSpan SenderIdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A transaction the node does not know after this long is broadcast again (same bytes).</summary>
    public TimeSpan RebroadcastAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Pause after the node or the database failed.</summary>
    public TimeSpan ErrorBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Added to gas estimates.</summary>
    [Range(0, 200)]
    public int GasMarginPercent { get; set; } = 25;

    /// <summary>Extra wei the relayer sends with a custodial key's gas top-up, beyond what the waiting write needs.</summary>
    public long GasTopUpWei { get; set; } = 10_000_000_000_000_000;
}
