namespace EmrMarket.Core.Revocation;

/// <summary>One entry kind of the revocation trail.</summary>
public enum RevocationStep
{
    /// <summary>A patient's consent (the event named) no longer covers the offer's purpose.</summary>
    Detected,

    /// <summary>The case was opened again: its offer is for sale again with patients who no longer consent.</summary>
    Reopened,

    PauseQueued,
    Paused,
    PauseFailed,
    Rebuilt,
    RebuildFailed,
    ListQueued,

    /// <summary>The new version is listed (new offer id and transaction).</summary>
    Listed,

    /// <summary>The old offer is delisted (by the listing's transaction).</summary>
    Delisted,

    ListFailed,

    /// <summary>Closed without action: the offer was already delisted.</summary>
    Closed,

    /// <summary>A curator asked for another attempt.</summary>
    Retried,
}
