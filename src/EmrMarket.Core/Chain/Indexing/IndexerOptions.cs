using System.ComponentModel.DataAnnotations;

namespace EmrMarket.Core.Chain.Indexing;

/// <summary>How the chain indexer reads. Bound from the "Indexer" section.</summary>
public sealed class IndexerOptions
{
    public const string Section = "Indexer";

    /// <summary>Blocks per eth_getLogs call (and per read-model transaction).</summary>
    [Range(1, 100_000)]
    public int BlocksPerRange { get; set; } = 500;

    /// <summary>How often the indexer looks for new blocks once it has caught up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Pause after the node or the database failed.</summary>
    public TimeSpan ErrorBackoff { get; set; } = TimeSpan.FromSeconds(1);
}
