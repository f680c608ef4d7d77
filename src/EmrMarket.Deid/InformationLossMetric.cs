namespace EmrMarket.Deid;

/// <summary>The information-loss measure the search minimizes; definitions in docs/deid.md.</summary>
public enum InformationLossMetric
{
    /// <summary>
    /// ARX's default "Loss" (MetricMDNMLoss, gs-factor 0.5, geometric mean): Iyengar's (2002)
    /// generalization loss per attribute, a suppressed record counting as fully lost, attributes
    /// combined by the geometric mean of (loss + 1), minus 1. Between 0 and 1.
    /// </summary>
    Loss,

    /// <summary>
    /// Non-uniform entropy as ARX's MetricMDNUNMEntropy (sum over attributes): the bits needed to
    /// recover each original value from its generalization (de Waal and Willenborg 1999), plus those
    /// lost by suppression.
    /// </summary>
    NonUniformEntropy,

    /// <summary>Discernibility (Bayardo and Agrawal 2005): the sum of squared class sizes, a suppressed record costing the row count.</summary>
    Discernibility,
}
