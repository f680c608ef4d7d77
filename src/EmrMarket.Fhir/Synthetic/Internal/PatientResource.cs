namespace EmrMarket.Fhir.Synthetic.Internal;

/// <summary>Writes the Patient resource with US Core race, ethnicity and birth sex, and every kind of direct identifier.</summary>
internal sealed class PatientResource(ResourceWriter w)
{
    private const string V2 = "http://terminology.hl7.org/CodeSystem/v2-0203";

    public void Write(PatientProfile p)
    {
        w.Begin("Patient", p.Id);
        var raw = w.Raw;
        raw.WriteStartArray("extension");
        OmbExtension("http://hl7.org/fhir/us/core/StructureDefinition/us-core-race", p.Race);
        OmbExtension("http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity", p.Hispanic ? Census.Hispanic : Census.NotHispanic);
        raw.WriteStartObject();
        raw.WriteString("url", "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex");
        raw.WriteString("valueCode", p.Male ? "M" : "F");
        raw.WriteEndObject();
        raw.WriteEndArray();

        raw.WriteStartArray("identifier");
        Identifier("MR", "Medical Record Number", "http://hospital.example.org/mrn", p.Mrn);
        Identifier("SS", "Social Security Number", "http://hl7.org/fhir/sid/us-ssn", p.Ssn);
        if (p.DriversLicense is { } dl) Identifier("DL", "Driver's License", "urn:oid:2.16.840.1.113883.4.3.25", dl);
        if (p.Passport is { } passport) Identifier("PPN", "Passport Number", "http://hl7.org/fhir/sid/passport-USA", passport);
        raw.WriteEndArray();

        raw.WriteStartArray("name");
        raw.WriteStartObject();
        raw.WriteString("use", "official");
        raw.WriteString("family", p.Family);
        raw.WriteStartArray("given");
        raw.WriteStringValue(p.Given);
        raw.WriteEndArray();
        raw.WriteEndObject();
        raw.WriteEndArray();

        raw.WriteStartArray("telecom");
        raw.WriteStartObject();
        raw.WriteString("system", "phone");
        raw.WriteString("value", p.Phone);
        raw.WriteString("use", "home");
        raw.WriteEndObject();
        raw.WriteEndArray();

        w.String("gender", p.Male ? "male" : "female");
        w.Date("birthDate", p.BirthDate);

        raw.WriteStartArray("address");
        raw.WriteStartObject();
        raw.WriteString("use", "home");
        raw.WriteStartArray("line");
        raw.WriteStringValue(p.Street);
        raw.WriteEndArray();
        raw.WriteString("city", p.Area.City);
        raw.WriteString("state", p.Area.State);
        raw.WriteString("postalCode", p.Zip);
        raw.WriteString("country", "US");
        raw.WriteEndObject();
        raw.WriteEndArray();

        raw.WriteStartObject("maritalStatus");
        raw.WriteStartArray("coding");
        raw.WriteStartObject();
        raw.WriteString("system", "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus");
        raw.WriteString("code", p.Age < 20 ? "S" : p.Age % 3 == 0 ? "S" : "M");
        raw.WriteEndObject();
        raw.WriteEndArray();
        raw.WriteEndObject();
        w.End();
    }

    private void OmbExtension(string url, Coding coding)
    {
        var raw = w.Raw;
        raw.WriteStartObject();
        raw.WriteString("url", url);
        raw.WriteStartArray("extension");
        raw.WriteStartObject();
        raw.WriteString("url", "ombCategory");
        raw.WriteStartObject("valueCoding");
        raw.WriteString("system", "urn:oid:2.16.840.1.113883.6.238");
        raw.WriteString("code", coding.Code);
        raw.WriteString("display", coding.Display);
        raw.WriteEndObject();
        raw.WriteEndObject();
        raw.WriteStartObject();
        raw.WriteString("url", "text");
        raw.WriteString("valueString", coding.Display);
        raw.WriteEndObject();
        raw.WriteEndArray();
        raw.WriteEndObject();
    }

    private void Identifier(string code, string display, string system, string value)
    {
        var raw = w.Raw;
        raw.WriteStartObject();
        raw.WriteStartObject("type");
        raw.WriteStartArray("coding");
        raw.WriteStartObject();
        raw.WriteString("system", V2);
        raw.WriteString("code", code);
        raw.WriteString("display", display);
        raw.WriteEndObject();
        raw.WriteEndArray();
        raw.WriteEndObject();
        raw.WriteString("system", system);
        raw.WriteString("value", value);
        raw.WriteEndObject();
    }
}
