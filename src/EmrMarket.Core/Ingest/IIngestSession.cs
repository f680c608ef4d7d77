using EmrMarket.Fhir;
using EmrMarket.Fhir.Model;

namespace EmrMarket.Core.Ingest;

/// <summary>
/// One upload's writer. Every file is stored whole or not at all. Small files come whole and are written many
/// to a transaction (<see cref="WriteFilesAsync"/>); a file too large to hold in memory is streamed in its own
/// transaction: <see cref="BeginUnitAsync"/>, any number of <see cref="WriteAsync"/>, then commit or roll back.
/// </summary>
public interface IIngestSession : IAsyncDisposable
{
    /// <summary>
    /// Stores whole files in as few transactions as it can, each file all-or-nothing: a file that fails
    /// (a patient or reference not stored, a value the database refuses) is rejected and nothing of it is
    /// written, while the others are committed.
    /// </summary>
    /// <returns>One result per file, in order.</returns>
    Task<IReadOnlyList<IngestFileResult>> WriteFilesAsync(IReadOnlyList<IngestUnit> units, CancellationToken cancellationToken);

    Task BeginUnitAsync(CancellationToken cancellationToken);

    /// <summary>Stores new and changed records, skips unchanged ones, and counts them by resource type.</summary>
    /// <exception cref="FhirException">A record names a patient that is neither in the file nor stored.</exception>
    Task<IReadOnlyDictionary<string, RecordCounts>> WriteAsync(string source, IReadOnlyList<FhirEntry> entries, CancellationToken cancellationToken);

    /// <summary>Checks that resources the file referred to but did not hold are stored for this provider.</summary>
    /// <exception cref="FhirException">One is not.</exception>
    Task VerifyStoredAsync(string source, IReadOnlyDictionary<ResourceKey, int> references, CancellationToken cancellationToken);

    Task CommitUnitAsync(CancellationToken cancellationToken);

    Task RollbackUnitAsync(CancellationToken cancellationToken);

    /// <summary>Closes the batch (durably) and writes the audit entry; null when nothing was written.</summary>
    Task<IngestBatch?> CloseAsync(string actor, IngestSummary summary, CancellationToken cancellationToken);
}
