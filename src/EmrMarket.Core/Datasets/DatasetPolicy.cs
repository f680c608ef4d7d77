namespace EmrMarket.Core.Datasets;

/// <summary>
/// How a dataset is de-identified, in a curator's terms: which patient attributes are quasi-identifiers,
/// k, an optional l for the patient's primary diagnosis, the share of patients that may be suppressed, and
/// the information-loss metric. Dates are always reduced to years (Safe Harbor) unless a date shift is set.
/// </summary>
public sealed record DatasetPolicy
{
    public static readonly IReadOnlyList<string> AllQuasiIdentifiers = ["age", "sex", "zip3", "race", "ethnicity", "marital_status"];

    public IReadOnlyList<string> QuasiIdentifiers { get; init; } = ["age", "sex", "zip3", "race", "ethnicity"];
    public int K { get; init; } = 5;
    public int? L { get; init; }
    public double SuppressionLimit { get; init; } = 0.05;
    public string Metric { get; init; } = "loss";

    public void Validate()
    {
        var unknown = QuasiIdentifiers.FirstOrDefault(q => !AllQuasiIdentifiers.Contains(q));
        if (unknown is not null) throw new DatasetException($"'{unknown}' is not a patient attribute ({string.Join(", ", AllQuasiIdentifiers)})");
        if (K < 2) throw new DatasetException("k must be at least 2");
        if (L is < 2) throw new DatasetException("l must be at least 2 when set");
        if (SuppressionLimit is < 0 or > 1) throw new DatasetException("the suppression limit is a share between 0 and 1");
        if (Metric is not ("loss" or "entropy" or "discernibility")) throw new DatasetException($"unknown metric '{Metric}' (loss, entropy or discernibility)");
    }
}
