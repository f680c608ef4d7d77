namespace EmrMarket.Core.Datasets;

/// <summary>
/// Who is in a dataset, before consent: patients with any of the condition codes (SNOMED CT or ICD-10, as
/// coded by the provider), in the age range (on the build date), of the sex, and with an observation inside
/// each threshold. The date window, when set, applies to the qualifying conditions and observations.
/// </summary>
public sealed record CohortDefinition
{
    public IReadOnlyList<string> ConditionCodes { get; init; } = [];
    public int? MinAge { get; init; }
    public int? MaxAge { get; init; }
    public string? Sex { get; init; }
    public IReadOnlyList<ObservationThreshold> Observations { get; init; } = [];
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    public void Validate()
    {
        if (MinAge < 0 || MaxAge < 0) throw new DatasetException("ages cannot be negative");
        if (MinAge > MaxAge) throw new DatasetException($"the minimum age {MinAge} is above the maximum {MaxAge}");
        if (From >= To) throw new DatasetException($"the date window ends ({To}) before it starts ({From})");
        if (Sex is not (null or "male" or "female" or "other" or "unknown")) throw new DatasetException($"unknown sex '{Sex}'");
        foreach (var threshold in Observations)
        {
            if (string.IsNullOrWhiteSpace(threshold.Code)) throw new DatasetException("an observation threshold needs a LOINC code");
            if (threshold.Min > threshold.Max) throw new DatasetException($"observation {threshold.Code}: minimum above maximum");
        }
    }
}

/// <summary>At least one observation with this code (LOINC) whose numeric value is within [Min, Max].</summary>
public sealed record ObservationThreshold(string Code, double? Min = null, double? Max = null);
