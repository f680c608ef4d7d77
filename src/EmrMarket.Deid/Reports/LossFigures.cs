namespace EmrMarket.Deid.Reports;

/// <summary>The information loss of the chosen transformation in all three measures (definitions in docs/deid.md).</summary>
/// <param name="Metric">The measure the search minimized.</param>
/// <param name="Value">Its value.</param>
/// <param name="Loss">ARX's Loss, in [0, 1].</param>
/// <param name="LossByAttribute">Loss per quasi-identifier.</param>
/// <param name="NonUniformEntropy">Non-uniform entropy, in bits.</param>
/// <param name="Discernibility">Discernibility.</param>
public sealed record LossFigures(
    InformationLossMetric Metric,
    double Value,
    double Loss,
    IReadOnlyList<AttributeLoss> LossByAttribute,
    double NonUniformEntropy,
    double Discernibility);
