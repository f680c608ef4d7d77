using System.Globalization;
using System.Text.Json;

namespace EmrMarket.Fhir.Synthetic.Internal;

/// <summary>
/// Writes FHIR R4 resources with <see cref="Utf8JsonWriter"/>, either as transaction Bundle entries with
/// urn:uuid references or as NDJSON lines with relative references, for the Bulk Data form.
/// </summary>
internal sealed class ResourceWriter(bool bundle, Func<string, Utf8JsonWriter> writerFor, Action<string> endLine)
{
    private Utf8JsonWriter _w = null!;
    private string _type = "";

    public int Resources { get; private set; }

    public string Ref(string type, Guid id) => bundle ? $"urn:uuid:{id}" : $"{type}/{id}";

    public void Begin(string type, Guid id)
    {
        _type = type;
        _w = writerFor(type);
        if (bundle)
        {
            _w.WriteStartObject();
            _w.WriteString("fullUrl", $"urn:uuid:{id}");
            _w.WritePropertyName("resource");
        }
        _w.WriteStartObject();
        _w.WriteString("resourceType", type);
        _w.WriteString("id", id.ToString());
    }

    public void End()
    {
        _w.WriteEndObject();
        if (bundle)
        {
            _w.WriteStartObject("request");
            _w.WriteString("method", "POST");
            _w.WriteString("url", _type);
            _w.WriteEndObject();
            _w.WriteEndObject();
        }
        else
        {
            endLine(_type);
        }
        Resources++;
    }

    public void String(string name, string value) => _w.WriteString(name, value);

    public void Bool(string name, bool value) => _w.WriteBoolean(name, value);

    public void Date(string name, DateOnly value) => _w.WriteString(name, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public void Time(string name, DateTime value) => _w.WriteString(name, value.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));

    public void Reference(string name, string type, Guid id)
    {
        _w.WriteStartObject(name);
        _w.WriteString("reference", Ref(type, id));
        _w.WriteEndObject();
    }

    public void References(string name, string type, IEnumerable<Guid> ids)
    {
        _w.WriteStartArray(name);
        foreach (var id in ids)
        {
            _w.WriteStartObject();
            _w.WriteString("reference", Ref(type, id));
            _w.WriteEndObject();
        }
        _w.WriteEndArray();
    }

    public void Concept(string name, string system, Coding coding, Coding? second = null, string? secondSystem = null)
    {
        _w.WriteStartObject(name);
        Codings(system, coding, second, secondSystem);
        _w.WriteString("text", coding.Display);
        _w.WriteEndObject();
    }

    public void Concepts(string name, string system, Coding coding)
    {
        _w.WriteStartArray(name);
        _w.WriteStartObject();
        Codings(system, coding, null, null);
        _w.WriteEndObject();
        _w.WriteEndArray();
    }

    public void Status(string name, string system, string code)
    {
        _w.WriteStartObject(name);
        _w.WriteStartArray("coding");
        _w.WriteStartObject();
        _w.WriteString("system", system);
        _w.WriteString("code", code);
        _w.WriteEndObject();
        _w.WriteEndArray();
        _w.WriteEndObject();
    }

    public void Period(DateTime start, DateTime? end, string name = "period")
    {
        _w.WriteStartObject(name);
        Time("start", start);
        if (end is { } e) Time("end", e);
        _w.WriteEndObject();
    }

    public void Quantity(string name, double value, string unit)
    {
        _w.WriteStartObject(name);
        _w.WriteNumber("value", value);
        _w.WriteString("unit", unit);
        _w.WriteString("system", "http://unitsofmeasure.org");
        _w.WriteString("code", unit);
        _w.WriteEndObject();
    }

    public void Components((Coding Code, double Value, string Unit)[] components)
    {
        _w.WriteStartArray("component");
        foreach (var (code, value, unit) in components)
        {
            _w.WriteStartObject();
            Concept("code", "http://loinc.org", code);
            Quantity("valueQuantity", value, unit);
            _w.WriteEndObject();
        }
        _w.WriteEndArray();
    }

    public Utf8JsonWriter Raw => _w;

    private void Codings(string system, Coding coding, Coding? second, string? secondSystem)
    {
        _w.WriteStartArray("coding");
        Coding(system, coding);
        if (second is not null) Coding(secondSystem!, second);
        _w.WriteEndArray();
    }

    private void Coding(string system, Coding coding)
    {
        _w.WriteStartObject();
        _w.WriteString("system", system);
        _w.WriteString("code", coding.Code);
        _w.WriteString("display", coding.Display);
        _w.WriteEndObject();
    }
}
