namespace EmrMarket.Fhir.Model;

/// <summary>A person's name (FHIR R4 HumanName datatype).</summary>
/// <param name="Use">HumanName.use (official, maiden…).</param>
/// <param name="Text">HumanName.text.</param>
/// <param name="Family">HumanName.family.</param>
/// <param name="Given">HumanName.given.</param>
/// <param name="Prefix">HumanName.prefix.</param>
/// <param name="Suffix">HumanName.suffix.</param>
public sealed record HumanName(
    string? Use, string? Text, string? Family, IReadOnlyList<string> Given, IReadOnlyList<string> Prefix, IReadOnlyList<string> Suffix);
