namespace EmrMarket.Deid.Reports;

/// <summary>The policy a report was produced under, as it goes into a dataset's manifest.</summary>
/// <param name="K">k of k-anonymity.</param>
/// <param name="SuppressionLimit">The largest share of records that may be suppressed.</param>
/// <param name="MaxSuppressedRecords">The same as a record count, ⌊limit × rows⌋.</param>
/// <param name="Metric">The information-loss measure minimized.</param>
/// <param name="LDiversity">l-diversity, as in <c>distinct 2</c>, or null.</param>
/// <param name="SafeHarbor">Whether HIPAA Safe Harbor was applied.</param>
/// <param name="RestrictedZipAreas">The version of the restricted ZIP3 list used.</param>
/// <param name="QuasiIdentifiers">The quasi-identifiers and their hierarchies.</param>
/// <param name="SensitiveColumns">The sensitive columns.</param>
/// <param name="PseudonymColumn">The column replaced by pseudonyms, if any.</param>
/// <param name="DateShiftDays">The largest per-patient date shift, 0 if none.</param>
/// <param name="SamplingFraction">The table's share of the population, for journalist and marketer risk.</param>
public sealed record PolicySummary(
    int K,
    double SuppressionLimit,
    long MaxSuppressedRecords,
    InformationLossMetric Metric,
    string? LDiversity,
    bool SafeHarbor,
    string RestrictedZipAreas,
    IReadOnlyList<QuasiIdentifierSummary> QuasiIdentifiers,
    IReadOnlyList<string> SensitiveColumns,
    string? PseudonymColumn,
    int DateShiftDays,
    double SamplingFraction);
