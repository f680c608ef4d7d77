namespace EmrMarket.Core.Ingest;

/// <summary>
/// The records one upload added or changed, in leaf order: what one anchor transaction commits to. Its Merkle
/// root over the records' content hashes is computed and anchored by <see cref="IBatchAnchor"/>.
/// </summary>
public sealed record IngestBatch(Guid Id, Guid ProviderId, int RecordCount, DateTimeOffset ClosedAt);
