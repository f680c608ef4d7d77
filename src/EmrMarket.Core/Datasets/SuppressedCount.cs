namespace EmrMarket.Core.Datasets;

/// <summary>
/// A count safe to show: 1 to 10 is shown as "&lt;11" (the small-cell rule of CMS and most disclosure policies),
/// so a count cannot single a person out.
/// </summary>
public readonly record struct SuppressedCount(int Value)
{
    public const int Threshold = 11;

    public bool Suppressed => Value is > 0 and < Threshold;

    public override string ToString() => Suppressed ? $"<{Threshold}" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
