namespace EmrMarket.Deid.Internal;

/// <summary>The outcome of checking one node.</summary>
/// <param name="Satisfied">The node meets the privacy model within the suppression budget.</param>
/// <param name="FailurePropagates">The node fails in a way every node below it fails too (k-anonymity alone already fails, or the model is monotone).</param>
/// <param name="Suppressed">Records in classes that are too small or not diverse enough.</param>
/// <param name="Loss">The information loss, if satisfied and asked for.</param>
internal readonly record struct NodeCheck(bool Satisfied, bool FailurePropagates, long Suppressed, double Loss);
