namespace EmrMarket.Core.Datasets;

/// <summary>The records of the included patients a build reads: demographics and coded events, never direct identifiers.</summary>
public sealed record ClinicalExtract(
    IReadOnlyList<PatientFacts> Patients,
    IReadOnlyList<CodedEvent> Conditions,
    IReadOnlyList<MeasuredEvent> Observations,
    IReadOnlyList<CodedEvent> Medications);

public sealed record PatientFacts(Guid PatientId, int? BirthYear, string? Sex, string? Zip3, string? State, string? Race, string? Ethnicity, string? MaritalStatus);

public sealed record CodedEvent(Guid PatientId, string? System, string? Code, string? Display, DateTimeOffset? At);

public sealed record MeasuredEvent(Guid PatientId, string? Code, string? Display, double? Value, string? Unit, string? ValueCode, DateTimeOffset? At);
