namespace EmrMarket.Core.Datasets;

/// <summary>A curator's request to build a dataset.</summary>
/// <param name="ObservationCodes">LOINC codes of the measurements to include (the cohort's thresholds are always included).</param>
/// <param name="ConsentBlock">The block whose consent state decides who is in; null for the newest block the consent trail is complete up to.</param>
public sealed record DatasetRequest(
    string Title,
    string Description,
    CohortDefinition Cohort,
    ulong Purposes,
    DatasetPolicy Policy,
    IReadOnlyList<string> ObservationCodes,
    string RequestedBy,
    ulong? ConsentBlock = null,
    Guid? Replaces = null);
