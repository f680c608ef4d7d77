using EmrMarket.Deid.Reports;

namespace EmrMarket.Core.Datasets;

/// <summary>What a build would give, before building: the privacy report (whether or not the model can be met) and how the cohort narrows.</summary>
public sealed record DatasetDryRun(DeidReport Report, int Matching, int Consenting, ulong ConsentBlock);
