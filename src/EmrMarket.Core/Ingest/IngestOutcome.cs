namespace EmrMarket.Core.Ingest;

/// <summary>What became of one file.</summary>
public enum IngestOutcome
{
    /// <summary>Committed; at least one record was new or changed.</summary>
    Accepted,

    /// <summary>Every record was already stored with the same content: nothing written.</summary>
    Unchanged,

    /// <summary>Rolled back because of <see cref="IngestFileResult.Error"/>; nothing of it was written.</summary>
    Rejected,
}
