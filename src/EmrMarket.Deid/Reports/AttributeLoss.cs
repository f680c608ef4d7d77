namespace EmrMarket.Deid.Reports;

/// <summary>The Loss of one quasi-identifier: 0 when kept as it is, 1 when fully generalized or suppressed.</summary>
/// <param name="Column">The quasi-identifier.</param>
/// <param name="Loss">Its normalized generalization loss.</param>
public sealed record AttributeLoss(string Column, double Loss);
