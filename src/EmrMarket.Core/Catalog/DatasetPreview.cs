using EmrMarket.Core.Datasets;

namespace EmrMarket.Core.Catalog;

/// <summary>
/// The aggregate previews a researcher sees before buying: patients per age band (at the build date), per sex, and
/// with each of the most frequent conditions. Every count is a <see cref="SuppressedCount"/>, so small cells read "&lt;11".
/// </summary>
public sealed record DatasetPreview(IReadOnlyList<PreviewBar> AgeBands, IReadOnlyList<PreviewBar> Sexes, IReadOnlyList<PreviewBar> Conditions)
{
    public static DatasetPreview From(DatasetCounts counts, int asOfYear) => new(
        counts.Demographics.GroupBy(d => CohortPreview.AgeBand(asOfYear - d.BirthYear)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PreviewBar(g.Key, new SuppressedCount(g.Sum(d => d.Patients)))).ToList(),
        counts.Demographics.GroupBy(d => d.Sex).OrderByDescending(g => g.Sum(d => d.Patients)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PreviewBar(g.Key, new SuppressedCount(g.Sum(d => d.Patients)))).ToList(),
        counts.TopConditions.Select(c => new PreviewBar(c.Display ?? c.Code, new SuppressedCount(c.Patients))).ToList());
}

/// <summary>One bar of a preview chart.</summary>
public sealed record PreviewBar(string Label, SuppressedCount Count);
