namespace EmrMarket.Fhir.Model;

/// <summary>A measured amount (FHIR R4 Quantity datatype).</summary>
/// <param name="Value">The numeric value.</param>
/// <param name="Unit">The unit as displayed.</param>
/// <param name="System">The unit's code system, usually UCUM (<see cref="CodeSystems.Ucum"/>).</param>
/// <param name="Code">The unit's code in that system.</param>
/// <param name="Comparator">&lt;, &lt;=, &gt;= or &gt; when the value is a bound.</param>
public sealed record Quantity(double Value, string? Unit, string? System, string? Code, string? Comparator);
