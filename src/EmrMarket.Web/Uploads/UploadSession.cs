using EmrMarket.Core.Ingest;
using EmrMarket.Fhir;
using Microsoft.AspNetCore.Components.Forms;
using EmrMarket.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace EmrMarket.Web.Uploads;

/// <summary>
/// One provider user's uploads in the browser (scoped to the circuit): the chosen files, their progress and
/// results. Ingest runs off the circuit's thread; <see cref="Changed"/> tells the page to re-render.
/// </summary>
public sealed class UploadSession(IngestService ingest, IOptions<IngestOptions> options, ILogger<UploadSession> logger)
{
    public List<UploadItem> Items { get; } = [];

    public bool Running { get; private set; }

    public UploadResult? Result { get; private set; }

    public string? Error { get; private set; }

    public event Action? Changed;

    public long MaxFileBytes => options.Value.MaxFileBytes;

    public void Choose(IReadOnlyList<IBrowserFile> files)
    {
        if (Running) return;
        Items.Clear();
        Result = null;
        Error = null;
        foreach (var file in files)
        {
            var format = FhirFormats.FromFileName(file.Name);
            var problem = format is null ? "not a .json Bundle or .ndjson file"
                : file.Size > MaxFileBytes ? $"larger than {MaxFileBytes / (1 << 20)} MiB: use the CLI or the upload API" : null;
            Items.Add(new UploadItem(file, format, problem));
        }
        Changed?.Invoke();
    }

    public void Start(string providerCode, string actor)
    {
        var ready = Items.Where(i => i.Problem is null).ToList();
        if (Running || ready.Count == 0) return;
        foreach (var item in ready) (item.BytesRead, item.Result) = (0, null);
        (Result, Error, Running) = (null, null, true);
        Changed?.Invoke();
        _ = Task.Run(() => RunAsync(providerCode, actor, ready));
    }

    private async Task RunAsync(string providerCode, string actor, List<UploadItem> items)
    {
        try
        {
            var sources = items.Select(item => new IngestSource(item.File.Name, item.Format!.Value, _ =>
                ValueTask.FromResult<Stream>(new ProgressStream(item.File.OpenReadStream(MaxFileBytes), read =>
                {
                    var before = item.Percent;
                    item.BytesRead = read;
                    // A render per whole percent, not per buffer read: the circuit stays responsive on large files.
                    if (item.Percent != before) Changed?.Invoke();
                })))).ToList();
            var summary = await ingest.IngestAsync(new IngestRequest(providerCode, actor, sources), CancellationToken.None);
            var results = summary.Files.ToList();
            foreach (var item in items)
            {
                var match = results.FirstOrDefault(r => r.Source == item.File.Name);
                if (match is null) continue;
                item.Result = match;
                results.Remove(match);
            }
            Result = UploadResult.From(summary);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnknownProviderException)
        {
            logger.LogWarning(e, "Upload for {Provider} failed", providerCode);
            Error = $"The upload stopped: {e.Message}. Nothing of the file being read was stored; try again.";
        }
        catch (Exception e)
        {
            logger.LogError(e, "Upload for {Provider} failed", providerCode);
            Error = UserErrors.Describe(e);
        }
        finally
        {
            Running = false;
            Changed?.Invoke();
        }
    }
}
