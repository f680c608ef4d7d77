namespace EmrMarket.Deid;

/// <summary>
/// What a de-identified table must satisfy: the quasi-identifiers and their hierarchies,
/// k-anonymity with at most a share of records suppressed, optional l-diversity for the sensitive
/// columns, HIPAA Safe Harbor, and the information-loss measure to minimize.
/// </summary>
public sealed record DeidPolicy
{
    /// <summary>The quasi-identifiers, in the order they form the generalization lattice.</summary>
    public required IReadOnlyList<QuasiIdentifier> QuasiIdentifiers { get; init; }

    /// <summary>The smallest equivalence class allowed (Sweeney 2002).</summary>
    public int K { get; init; } = 5;

    /// <summary>l-diversity for every column whose role is sensitive, or none.</summary>
    public LDiversity? LDiversity { get; init; }

    /// <summary>The largest share of records that may be suppressed (removed), between 0 and 1.</summary>
    public double SuppressionLimit { get; init; }

    /// <summary>The information-loss measure the search minimizes.</summary>
    public InformationLossMetric Metric { get; init; } = InformationLossMetric.Loss;

    /// <summary>
    /// Apply HIPAA Safe Harbor (45 CFR 164.514(b)(2)): remove identifier columns, keep ZIP codes to
    /// three digits and dates to years at least, pool ages over 89, and check the output with the
    /// identifier scanner. Turn off only under an expert determination (164.514(b)(1)).
    /// </summary>
    public bool SafeHarbor { get; init; } = true;

    /// <summary>A direct-identifier column (the platform's patient id) to replace by per-dataset pseudonyms instead of dropping it.</summary>
    public string? PseudonymColumn { get; init; }

    /// <summary>Shift every date column by a per-patient offset of up to this many days (0: no shift); needs <see cref="PseudonymColumn"/>.</summary>
    public int DateShiftDays { get; init; }

    /// <summary>The share of the population the table is a sample of, for journalist and marketer risk (1: the table is the population).</summary>
    public double SamplingFraction { get; init; } = 1;
}
