namespace EmrMarket.Core.Catalog;

/// <summary>Raw counts over a dataset's patients: per birth year and sex, and the most frequent condition codes.</summary>
public sealed record DatasetCounts(
    IReadOnlyList<(int? BirthYear, string Sex, int Patients)> Demographics,
    IReadOnlyList<(string Code, string? Display, int Patients)> TopConditions);
