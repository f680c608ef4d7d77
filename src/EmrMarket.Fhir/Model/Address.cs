namespace EmrMarket.Fhir.Model;

/// <summary>A postal address (FHIR R4 Address datatype) with the geolocation extension's coordinates.</summary>
/// <param name="Use">Address.use (home, work…).</param>
/// <param name="Lines">Address.line.</param>
/// <param name="City">Address.city.</param>
/// <param name="District">Address.district.</param>
/// <param name="State">Address.state.</param>
/// <param name="PostalCode">Address.postalCode.</param>
/// <param name="Country">Address.country.</param>
/// <param name="Latitude">The http://hl7.org/fhir/StructureDefinition/geolocation latitude.</param>
/// <param name="Longitude">The geolocation longitude.</param>
public sealed record Address(
    string? Use, IReadOnlyList<string> Lines, string? City, string? District, string? State, string? PostalCode, string? Country,
    double? Latitude, double? Longitude);
