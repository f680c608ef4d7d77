using System.IO.Compression;
using System.Text.Json;
using EmrMarket.Core.Catalog;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Datasets.Packaging;
using Microsoft.Extensions.Caching.Memory;

namespace EmrMarket.Web.Market;

/// <summary>
/// Puts an offer's page together. A built dataset never changes, so its schema, report and previews are cached by
/// dataset id; the offer's price and status come fresh from the read model each time.
/// </summary>
public sealed class OfferDetailsService(ICatalogQueries catalog, IDatasetStore datasets, ILogger<OfferDetailsService> logger) : IDisposable
{
    private static readonly MemoryCacheEntryOptions Cached = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 500 });

    public async Task<OfferDetails?> GetAsync(ulong offerId, CancellationToken cancellationToken)
    {
        var entry = await catalog.OfferAsync(offerId, cancellationToken);
        if (entry is null) return null;
        var fixedPart = await cache.GetOrCreateAsync(("offer-details", entry.DatasetId), async item =>
        {
            item.SetOptions(Cached);
            var dataset = await datasets.FindAsync(entry.DatasetId, cancellationToken)
                ?? throw new InvalidOperationException($"dataset {entry.DatasetId} of offer {offerId} vanished");
            var counts = await catalog.CountsAsync(dataset.Id, cancellationToken);
            return (dataset, Tables: await TablesAsync(dataset, cancellationToken), Report: PrivacyReports.TryRead(dataset, logger),
                Preview: DatasetPreview.From(counts, dataset.CreatedAt.Year));
        });
        var codes = fixedPart.dataset.Cohort["conditionCodes"]?.AsArray().Select(c => c?.GetValue<string>()).OfType<string>().ToList() ?? [];
        return new OfferDetails(entry, fixedPart.dataset, fixedPart.Tables, fixedPart.Report, fixedPart.Preview, codes);
    }

    private async Task<IReadOnlyList<PackageTable>> TablesAsync(DatasetRecord dataset, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(dataset.PackagePath);
            await using var zip = await ZipArchive.CreateAsync(file, ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, cancellationToken);
            var manifest = zip.GetEntry(PackageManifest.FileName) ?? throw new InvalidDataException("no manifest.json");
            await using var stream = await manifest.OpenAsync(cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return PackageManifest.Parse(buffer.ToArray()).Tables;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            logger.LogWarning("Offer page: the package of dataset {DatasetId} cannot be read: {Error}", dataset.Id, e.Message);
            return [];
        }
    }

    public void Dispose() => cache.Dispose();
}
