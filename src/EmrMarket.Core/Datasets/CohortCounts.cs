namespace EmrMarket.Core.Datasets;

/// <summary>What a curator sees before building: how many match, how many of those consent, and a breakdown.</summary>
public sealed record CohortCounts(
    SuppressedCount Matching,
    SuppressedCount Consenting,
    IReadOnlyDictionary<string, SuppressedCount> BySex,
    IReadOnlyDictionary<string, SuppressedCount> ByAgeBand);
