namespace EmrMarket.Deid.Hierarchies;

/// <summary>The hierarchies built from the data's own values; each ends in <c>*</c>.</summary>
public enum BuiltinHierarchy
{
    /// <summary>Age in years → 5-year band → 10-year band → 20-year band → <c>*</c>; "90+" (Safe Harbor's pooled ages) stays an open band.</summary>
    Age,

    /// <summary>ZIP5 → ZIP3 (000 for restricted areas) → state (000 for restricted areas) → <c>*</c>.</summary>
    Zip,

    /// <summary>Date (<c>yyyy-MM-dd</c>) → month (<c>yyyy-MM</c>) → year → <c>*</c>.</summary>
    Date,

    /// <summary>Value → <c>*</c>: the attribute is kept or suppressed as a whole.</summary>
    Suppression,
}
