namespace EmrMarket.Deid;

/// <summary>How a de-identification run ended.</summary>
public enum AnonymizationStatus
{
    /// <summary>A transformation satisfies the policy; the output is safe to release under it.</summary>
    Anonymized,

    /// <summary>No transformation of the lattice satisfies the privacy model within the suppression limit; there is no output.</summary>
    NoSolution,

    /// <summary>The identifier scanner found identifiers in the would-be output; it is withheld.</summary>
    IdentifiersFound,
}
