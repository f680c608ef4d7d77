namespace EmrMarket.Deid.Internal;

/// <summary>The privacy criteria a node is checked against: k-anonymity with a record-suppression budget and optional l-diversity.</summary>
internal sealed class PrivacyModel(int k, long maxOutliers, LDiversity? lDiversity)
{
    public int K { get; } = k;

    /// <summary>The most records that may be suppressed: ⌊limit × rows⌋, as ARX computes it.</summary>
    public long MaxOutliers { get; } = maxOutliers;

    public LDiversity? LDiversity { get; } = lDiversity;

    /// <summary>
    /// Whether a node's generalizations satisfy the model whenever it does. True for k-anonymity and
    /// distinct l-diversity, with or without suppression (merging classes never shrinks a class or
    /// its set of sensitive values); entropy l-diversity only without suppression (a diverse class
    /// merged with a suppressed, uniform one can fall below log l).
    /// </summary>
    public bool Monotone => SuppressionMonotone || MaxOutliers == 0;

    /// <summary>
    /// Whether a node suppresses at least the records any generalization of it suppresses: a record
    /// in a class that is too small, or has too few distinct sensitive values, is in a subset of that
    /// class below. Not so for entropy l-diversity, whose entropy a subset can raise.
    /// </summary>
    public bool SuppressionMonotone => LDiversity is null || LDiversity.Variant == LDiversityVariant.Distinct;
}
