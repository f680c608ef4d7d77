namespace EmrMarket.Deid;

/// <summary>The l-diversity variants of Machanavajjhala et al. (2007).</summary>
public enum LDiversityVariant
{
    /// <summary>Each equivalence class holds at least l distinct sensitive values.</summary>
    Distinct,

    /// <summary>The entropy of each class's sensitive values is at least log(l).</summary>
    Entropy,
}
