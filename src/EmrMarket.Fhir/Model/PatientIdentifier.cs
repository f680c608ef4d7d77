namespace EmrMarket.Fhir.Model;

/// <summary>A patient identifier (FHIR R4 Identifier datatype): a direct identifier under HIPAA §164.514(b)(2)(i).</summary>
/// <param name="Kind">What it identifies the patient by.</param>
/// <param name="System">Identifier.system.</param>
/// <param name="Value">Identifier.value.</param>
public sealed record PatientIdentifier(IdentifierKind Kind, string? System, string? Value);
