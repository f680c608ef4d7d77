namespace EmrMarket.Deid;

/// <summary>l-diversity for every sensitive column of the table (Machanavajjhala et al. 2007).</summary>
/// <param name="L">How diverse each class must be; a whole number for <see cref="LDiversityVariant.Distinct"/>.</param>
/// <param name="Variant">Distinct or entropy l-diversity.</param>
public sealed record LDiversity(double L, LDiversityVariant Variant = LDiversityVariant.Distinct);
