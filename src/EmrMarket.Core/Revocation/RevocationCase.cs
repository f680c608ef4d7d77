namespace EmrMarket.Core.Revocation;

/// <summary>An offer being paused, rebuilt and relisted because patients in its dataset revoked.</summary>
/// <param name="Attempt">1, and one more each time the case is retried or reopened.</param>
/// <param name="LastDetectedAt">When the latest revocation for it was detected: the rebuild waits a moment after it.</param>
public sealed record RevocationCase(
    ulong OfferId,
    Guid DatasetId,
    RevocationCaseStatus Status,
    int Attempt,
    long? PauseOutboxId,
    Guid? NewDatasetId,
    long? ListOutboxId,
    ulong? NewOfferId,
    string? Failure,
    DateTimeOffset LastDetectedAt,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsFinished => Status is RevocationCaseStatus.Done or RevocationCaseStatus.Closed;

    /// <summary>Worked on by the worker (not finished and not failed).</summary>
    public bool IsActive => Status is RevocationCaseStatus.Open or RevocationCaseStatus.Pausing or RevocationCaseStatus.Rebuilding or RevocationCaseStatus.Listing;
}
