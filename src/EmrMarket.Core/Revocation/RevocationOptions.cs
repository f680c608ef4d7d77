using System.ComponentModel.DataAnnotations;

namespace EmrMarket.Core.Revocation;

/// <summary>How the revocation worker runs. Bound from the "Revocation" section.</summary>
public sealed class RevocationOptions
{
    public const string Section = "Revocation";

    /// <summary>Run the revocation worker in this instance (with the chain workers; one instance works at a time).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often it looks when nothing woke it (consent, offer and outbox changes wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often every listed offer is checked again in full (an unpaused offer, a consent that expired).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a paused offer waits after its latest detected revocation before it is rebuilt, so revocations that
    /// arrive together make one rebuild. The pause itself is queued at once.
    /// </summary>
    public TimeSpan RebuildDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait after a failed round.</summary>
    public TimeSpan ErrorBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Steps one case may take in a round before the others get their turn.</summary>
    [Range(1, 100)]
    public int StepsPerCase { get; set; } = 8;
}
