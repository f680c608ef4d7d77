namespace EmrMarket.Core.Ingest;

/// <summary>Storage for ingest: providers and writing sessions.</summary>
public interface IIngestStore
{
    Task<IngestProvider?> FindProviderAsync(string code, CancellationToken cancellationToken);

    Task<IngestProvider> CreateProviderAsync(string code, string name, CancellationToken cancellationToken);

    /// <summary>Opens a session for one upload; only one session per provider at a time.</summary>
    Task<IIngestSession> OpenSessionAsync(IngestProvider provider, CancellationToken cancellationToken);
}
