using System.Text.Json;
using EmrMarket.Fhir.Model;
using static EmrMarket.Fhir.Internal.Json;

namespace EmrMarket.Fhir.Internal;

/// <summary>Reads a Patient into quasi-identifiers (clear) and direct identifiers (to be encrypted).</summary>
internal static class PatientFactsReader
{
    private const string UsCoreRace = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
    private const string UsCoreEthnicity = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
    private const string UsCoreBirthSex = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex";
    private const string Geolocation = "http://hl7.org/fhir/StructureDefinition/geolocation";
    private const string V2IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";

    public static PatientFacts Read(JsonElement r)
    {
        var birthDate = Str(r, "birthDate");
        var deceasedDateTime = Str(r, "deceasedDateTime");
        var addresses = Array(r, "address").Select(ReadAddress).ToList();
        var home = addresses.FirstOrDefault(a => a.Use == "home") ?? addresses.FirstOrDefault();
        var extensions = Array(r, "extension").ToList();

        var demographics = new PatientDemographics(
            Gender: Str(r, "gender"),
            BirthYear: Date(r, "birthDate")?.Year,
            BirthSex: extensions.Where(e => Str(e, "url") == UsCoreBirthSex).Select(e => Str(e, "valueCode")).FirstOrDefault(),
            Race: OmbCategory(extensions, UsCoreRace),
            Ethnicity: OmbCategory(extensions, UsCoreEthnicity),
            Deceased: r.TryGetProperty("deceasedBoolean", out var deceased) && deceased.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? deceased.GetBoolean()
                : deceasedDateTime is null ? null : true,
            DeceasedYear: Date(r, "deceasedDateTime")?.Year,
            MaritalStatus: FirstCode(Concept(r, "maritalStatus")),
            Language: Array(r, "communication").Select(c => FirstCode(Concept(c, "language"))).FirstOrDefault(c => c is not null),
            State: home?.State,
            PostalCodePrefix: ZipPrefix(home));

        var identifiers = new DirectIdentifiers(
            Array(r, "name").Select(n => new HumanName(
                Str(n, "use"), Str(n, "text"), Str(n, "family"), Strings(n, "given"), Strings(n, "prefix"), Strings(n, "suffix"))).ToList(),
            addresses,
            Array(r, "telecom").Select(t => new ContactPoint(Str(t, "system"), Str(t, "value"), Str(t, "use"))).ToList(),
            Array(r, "identifier").Select(i => new PatientIdentifier(KindOf(i), Str(i, "system"), Str(i, "value"))).ToList(),
            birthDate,
            deceasedDateTime);
        return new PatientFacts(demographics, identifiers);
    }

    private static Coding? OmbCategory(List<JsonElement> extensions, string url) => extensions
        .Where(e => Str(e, "url") == url)
        .SelectMany(e => Array(e, "extension"))
        .Where(e => Str(e, "url") == "ombCategory")
        .Select(e => CodingOf(Object(e, "valueCoding")))
        .FirstOrDefault();

    private static Address ReadAddress(JsonElement a)
    {
        double? latitude = null, longitude = null;
        foreach (var geo in Array(a, "extension").Where(e => Str(e, "url") == Geolocation))
        {
            foreach (var part in Array(geo, "extension"))
            {
                if (Str(part, "url") == "latitude") latitude = Number(part, "valueDecimal");
                if (Str(part, "url") == "longitude") longitude = Number(part, "valueDecimal");
            }
        }
        return new Address(Str(a, "use"), Strings(a, "line"), Str(a, "city"), Str(a, "district"), Str(a, "state"),
            Str(a, "postalCode"), Str(a, "country"), latitude, longitude);
    }

    /// <summary>The first three digits of a US ZIP or ZIP+4 code; null for other countries and other shapes.</summary>
    private static string? ZipPrefix(Address? address)
    {
        if (address?.PostalCode is not { } zip) return null;
        if (address.Country is { } country && country is not ("US" or "USA" or "United States")) return null;
        var digits = zip.Length >= 5 && zip[..5].All(char.IsAsciiDigit) && (zip.Length == 5 || (zip.Length == 10 && zip[5] == '-'));
        return digits ? zip[..3] : null;
    }

    private static IdentifierKind KindOf(JsonElement identifier)
    {
        var system = Str(identifier, "system");
        if (system == "http://hl7.org/fhir/sid/us-ssn") return IdentifierKind.SocialSecurityNumber;
        var type = Object(identifier, "type") is { } concept
            ? Codings(concept).FirstOrDefault(c => c.System == V2IdentifierType)?.Code
            : null;
        return type switch
        {
            "MR" => IdentifierKind.MedicalRecordNumber,
            "SS" => IdentifierKind.SocialSecurityNumber,
            "DL" => IdentifierKind.DriversLicense,
            "PPN" => IdentifierKind.Passport,
            _ => IdentifierKind.Other,
        };
    }
}
