namespace EmrMarket.Core.Ingest;

/// <summary>An upload: whose records, who sent them, and the files.</summary>
/// <param name="ProviderCode">The provider's code.</param>
/// <param name="Actor">Who asked (a user name or "cli:&lt;user&gt;"), for the audit log.</param>
/// <param name="Sources">The files, ingested in this order.</param>
public sealed record IngestRequest(string ProviderCode, string Actor, IReadOnlyList<IngestSource> Sources);
