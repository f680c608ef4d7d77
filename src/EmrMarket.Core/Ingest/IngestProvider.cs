namespace EmrMarket.Core.Ingest;

/// <summary>A hospital or clinic that uploads records; its patients are keyed by the ids its systems use.</summary>
public sealed record IngestProvider(Guid Id, string Code, string Name);
