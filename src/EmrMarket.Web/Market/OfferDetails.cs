using EmrMarket.Core.Catalog;
using EmrMarket.Core.Datasets;
using EmrMarket.Core.Datasets.Packaging;
using EmrMarket.Deid.Reports;

namespace EmrMarket.Web.Market;

/// <summary>Everything the offer page shows: the catalog entry, the dataset, its schema from the manifest, its privacy report and previews.</summary>
/// <param name="Tables">The package's tables and columns (its data dictionary); empty when the package file cannot be read.</param>
/// <param name="Report">The de-identification report; null if the stored one cannot be read.</param>
public sealed record OfferDetails(
    CatalogEntry Entry,
    DatasetRecord Dataset,
    IReadOnlyList<PackageTable> Tables,
    DeidReport? Report,
    DatasetPreview Preview,
    IReadOnlyList<string> ConditionCodes);
