using EmrMarket.Fhir.Canonical;

namespace EmrMarket.Core.Ingest;

/// <summary>Where a stored record version sits in its batch's Merkle tree.</summary>
public sealed record RecordLeaf(Guid RecordId, Guid BatchId, int LeafIndex, ContentHash Hash);
