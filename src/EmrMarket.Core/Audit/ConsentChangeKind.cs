namespace EmrMarket.Core.Audit;

/// <summary>Which consent changes a trail query keeps.</summary>
public enum ConsentChangeKind
{
    /// <summary>Every change.</summary>
    Any,

    /// <summary>Changes that granted a purpose (of the query's purpose, when it names one).</summary>
    Grant,

    /// <summary>Changes that took a purpose away.</summary>
    Revoke,
}
