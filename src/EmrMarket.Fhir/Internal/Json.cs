using System.Text.Json;
using EmrMarket.Fhir.Model;

namespace EmrMarket.Fhir.Internal;

/// <summary>Reads FHIR datatypes out of a parsed resource; a wrongly typed element is an <see cref="ElementException"/>.</summary>
internal static class Json
{
    public static string? Str(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new ElementException($"{name} must be a string"),
        };
    }

    public static IEnumerable<JsonElement> Array(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array) throw new ElementException($"{name} must be an array");
        return value.EnumerateArray();
    }

    public static JsonElement? Object(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object) throw new ElementException($"{name} must be an object");
        return value;
    }

    public static IReadOnlyList<string> Strings(JsonElement parent, string name) =>
        Array(parent, name).Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();

    public static Coding? CodingOf(JsonElement? coding) => coding is { } c
        ? new Coding(Str(c, "system"), Str(c, "code"), Str(c, "display"))
        : null;

    /// <summary>The codings of a CodeableConcept element (CodeableConcept.text is free text and left out).</summary>
    public static IReadOnlyList<Coding> Concept(JsonElement parent, string name) =>
        Object(parent, name) is { } concept ? Codings(concept) : [];

    public static IReadOnlyList<Coding> Codings(JsonElement concept) =>
        Array(concept, "coding").Select(c => CodingOf(c)!).ToList();

    /// <summary>The codings of every CodeableConcept in an array element.</summary>
    public static IReadOnlyList<Coding> Concepts(JsonElement parent, string name) =>
        Array(parent, name).SelectMany(Codings).ToList();

    public static string? FirstCode(IReadOnlyList<Coding> codings) => codings.FirstOrDefault(c => c.Code is not null)?.Code;

    public static FhirDateTime? Date(JsonElement parent, string name)
    {
        var text = Str(parent, name);
        if (text is null) return null;
        return FhirDateTime.TryParse(text, out var value) ? value : throw new ElementException($"{name} is not a FHIR date or dateTime");
    }

    public static (FhirDateTime? Start, FhirDateTime? End) Period(JsonElement parent, string name) =>
        Object(parent, name) is { } period ? (Date(period, "start"), Date(period, "end")) : (null, null);

    /// <summary>A choice element [x] given as dateTime or as Period (its start).</summary>
    public static FhirDateTime? DateOrPeriodStart(JsonElement parent, string prefix) =>
        Date(parent, prefix + "DateTime") ?? Date(parent, prefix + "Instant") ?? Period(parent, prefix + "Period").Start;

    public static double? Number(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Number) throw new ElementException($"{name} must be a number");
        var number = value.GetDouble();
        return double.IsFinite(number) ? number : throw new ElementException($"{name} is out of range");
    }

    public static Quantity? QuantityOf(JsonElement? quantity) => quantity is { } q && Number(q, "value") is { } value
        ? new Quantity(value, Str(q, "unit"), Str(q, "system"), Str(q, "code"), Str(q, "comparator"))
        : null;
}
