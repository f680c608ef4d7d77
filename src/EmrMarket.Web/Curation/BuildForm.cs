using System.Globalization;
using EmrMarket.Core.Consent;
using EmrMarket.Core.Datasets;

namespace EmrMarket.Web.Curation;

/// <summary>The cohort builder's and policy form's fields as typed, and the dataset request they make.</summary>
public sealed class BuildForm
{
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public ulong Purpose { get; set; } = (ulong)Core.Consent.Purpose.AcademicResearch;
    public string? Conditions { get; set; }
    public int? MinAge { get; set; }
    public int? MaxAge { get; set; }
    public string? Sex { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? ObservationCodes { get; set; }
    public HashSet<string> QuasiIdentifiers { get; } = [.. new DatasetPolicy().QuasiIdentifiers];
    public int K { get; set; } = 5;
    public int? L { get; set; }

    /// <summary>The share of patients that may be suppressed, in percent as the form shows it.</summary>
    public double SuppressionPercent { get; set; } = 5;

    public CohortDefinition Cohort() => new()
    {
        ConditionCodes = Split(Conditions), MinAge = MinAge, MaxAge = MaxAge, Sex = string.IsNullOrEmpty(Sex) ? null : Sex, From = From, To = To,
    };

    public DatasetPolicy Policy() => new()
    {
        QuasiIdentifiers = DatasetPolicy.AllQuasiIdentifiers.Where(QuasiIdentifiers.Contains).ToList(), K = K, L = L,
        SuppressionLimit = SuppressionPercent / 100,
    };

    public DatasetRequest Request(string requestedBy) =>
        new(Title, Description, Cohort(), Purpose, Policy(), Split(ObservationCodes), requestedBy);

    /// <summary>A change of the cohort or purpose (not of the policy or title) asks for new counts.</summary>
    public string CohortKey => string.Join('|', Conditions, MinAge, MaxAge, Sex, From?.ToString("O", CultureInfo.InvariantCulture),
        To?.ToString("O", CultureInfo.InvariantCulture), Purpose);

    public static IReadOnlyList<PurposeInfo> Purposes => Core.Consent.Purposes.Defined;

    private static IReadOnlyList<string> Split(string? codes) =>
        (codes ?? "").Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}
