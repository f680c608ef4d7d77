using EmrMarket.Fhir.Canonical;

namespace EmrMarket.Data.Ingest;

/// <summary>The current version of a record: stored before, or written earlier in the open transaction.</summary>
internal readonly record struct StoredRecord(Guid Id, int Version, ContentHash Hash);
