using EmrMarket.Core.Ingest;

namespace EmrMarket.Web.Uploads;

/// <summary>The JSON an upload answers: per file, what happened and why.</summary>
public sealed record UploadResult(string Provider, int Accepted, int Unchanged, int Rejected, Guid? BatchId, IReadOnlyList<UploadFileResult> Files)
{
    public static UploadResult From(IngestSummary summary) => new(
        summary.Provider.Code, summary.Accepted, summary.Unchanged, summary.Rejected, summary.Batch?.Id,
        summary.Files.Select(f => new UploadFileResult(f.Source, f.Outcome.ToString().ToLowerInvariant(),
            f.Total.New, f.Total.Updated, f.Total.Unchanged, f.Error?.ToString())).ToList());
}

public sealed record UploadFileResult(string File, string Outcome, int NewRecords, int UpdatedRecords, int UnchangedRecords, string? Error);
