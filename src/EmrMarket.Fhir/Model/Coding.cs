namespace EmrMarket.Fhir.Model;

/// <summary>A code from a code system (FHIR R4 Coding datatype: system, code, display).</summary>
/// <param name="System">The code system URI, e.g. <see cref="CodeSystems.Snomed"/>.</param>
/// <param name="Code">The code.</param>
/// <param name="Display">The code system's display for the code (terminology text, not free text).</param>
public sealed record Coding(string? System, string? Code, string? Display);
