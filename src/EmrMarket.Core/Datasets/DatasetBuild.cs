using EmrMarket.Deid.Reports;

namespace EmrMarket.Core.Datasets;

/// <summary>A finished build: the stored dataset, the privacy report, and how the cohort narrowed.</summary>
public sealed record DatasetBuild(DatasetRecord Dataset, DeidReport Report, int Matching, int Consenting, int Suppressed);
