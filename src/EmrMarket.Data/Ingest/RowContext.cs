namespace EmrMarket.Data.Ingest;

/// <summary>The columns every typed clinical row shares.</summary>
internal sealed record RowContext(Guid RecordId, Guid PatientId, string SourceId, string? EncounterSourceId);
