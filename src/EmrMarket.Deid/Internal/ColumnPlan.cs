namespace EmrMarket.Deid.Internal;

/// <summary>What happens to one input column.</summary>
internal enum ColumnTreatment
{
    Drop,
    Generalize,
    Pseudonymize,
    Copy,
}

/// <summary>An input column's treatment; for a quasi-identifier, its position in the policy.</summary>
internal sealed record ColumnPlan(int Index, ColumnTreatment Treatment, int Attribute = -1, string? DropReason = null);
