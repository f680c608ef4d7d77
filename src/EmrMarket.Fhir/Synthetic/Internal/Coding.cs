namespace EmrMarket.Fhir.Synthetic.Internal;

/// <summary>A code and its display in the generator's tables (the system is implied by the table).</summary>
internal sealed record Coding(string Code, string Display);
