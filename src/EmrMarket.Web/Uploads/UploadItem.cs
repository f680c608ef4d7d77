using EmrMarket.Core.Ingest;
using EmrMarket.Fhir;
using Microsoft.AspNetCore.Components.Forms;

namespace EmrMarket.Web.Uploads;

/// <summary>One chosen file: why it is skipped (if it is), how much of it has been read, and what became of it.</summary>
public sealed class UploadItem(IBrowserFile file, FhirFormat? format, string? problem)
{
    public IBrowserFile File { get; } = file;
    public FhirFormat? Format { get; } = format;
    public string? Problem { get; } = problem;
    public long BytesRead { get; set; }
    public int Percent => File.Size == 0 ? 100 : (int)(100 * BytesRead / File.Size);

    /// <summary>The file's outcome once the upload finished; null before.</summary>
    public IngestFileResult? Result { get; set; }

    /// <summary>Why the file was rejected, without its name (the list shows it beside the name).</summary>
    public string? Reason => Result?.Error is { } e ? (e.EntryIndex is { } i ? $"entry {i}: {e.Detail} ({e.CodeName})" : $"{e.Detail} ({e.CodeName})") : null;
}
