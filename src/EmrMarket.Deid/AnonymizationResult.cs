using EmrMarket.Deid.Reports;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid;

/// <summary>The outcome of <see cref="Anonymizer.Run"/>.</summary>
/// <param name="Status">Whether an output was produced, and if not, why.</param>
/// <param name="Transformation">The optimal transformation, if one satisfies the model.</param>
/// <param name="Output">The de-identified table, only when <paramref name="Status"/> is <see cref="AnonymizationStatus.Anonymized"/>.</param>
/// <param name="Report">The risk and utility report, always present; serializable to JSON.</param>
/// <param name="Statistics">Search figures and timings.</param>
public sealed record AnonymizationResult(
    AnonymizationStatus Status,
    Transformation? Transformation,
    Table? Output,
    DeidReport Report,
    SearchStatistics Statistics);
