namespace EmrMarket.Fhir.Synthetic.Internal;

/// <summary>The organizations and practitioners patients are seen by, the same for every patient of a seed.</summary>
internal sealed class Pools
{
    public Pools(ulong seed)
    {
        var rng = new Rng(seed, ulong.MaxValue);
        Organizations = Enumerable.Range(0, 20).Select(i => (rng.Uuid(), $"{rng.Pick(Census.FamilyNames)} {(i % 2 == 0 ? "General Hospital" : "Family Clinic")}", rng.Weighted(Census.Areas))).ToList();
        Practitioners = Enumerable.Range(0, 60).Select(_ => (rng.Uuid(), rng.Pick(Census.FamilyNames), rng.Pick(rng.Chance(0.5) ? Census.MaleNames : Census.FemaleNames), rng.Digits(10))).ToList();
    }

    public List<(Guid Id, string Name, (string Zip3, string State, string City) Area)> Organizations { get; }

    public List<(Guid Id, string Family, string Given, string Npi)> Practitioners { get; }

    public void WriteOrganization(ResourceWriter w, (Guid Id, string Name, (string Zip3, string State, string City) Area) o)
    {
        w.Begin("Organization", o.Id);
        w.Bool("active", true);
        w.String("name", o.Name);
        var raw = w.Raw;
        raw.WriteStartArray("address");
        raw.WriteStartObject();
        raw.WriteString("city", o.Area.City);
        raw.WriteString("state", o.Area.State);
        raw.WriteString("postalCode", o.Area.Zip3 + "01");
        raw.WriteEndObject();
        raw.WriteEndArray();
        w.End();
    }

    public void WritePractitioner(ResourceWriter w, (Guid Id, string Family, string Given, string Npi) p)
    {
        w.Begin("Practitioner", p.Id);
        var raw = w.Raw;
        raw.WriteStartArray("identifier");
        raw.WriteStartObject();
        raw.WriteString("system", "http://hl7.org/fhir/sid/us-npi");
        raw.WriteString("value", p.Npi);
        raw.WriteEndObject();
        raw.WriteEndArray();
        w.Bool("active", true);
        raw.WriteStartArray("name");
        raw.WriteStartObject();
        raw.WriteString("family", p.Family);
        raw.WriteStartArray("given");
        raw.WriteStringValue(p.Given);
        raw.WriteEndArray();
        raw.WriteEndObject();
        raw.WriteEndArray();
        w.End();
    }
}
