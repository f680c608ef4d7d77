using System.Text.Json;
using EmrMarket.Fhir.Model;
using static EmrMarket.Fhir.Internal.Json;

namespace EmrMarket.Fhir.Internal;

/// <summary>Reads the typed facts of each clinical resource type from its FHIR R4 elements.</summary>
internal static class ClinicalFactsReader
{
    public static ResourceFacts? Read(string type, JsonElement r) => type switch
    {
        "Patient" => PatientFactsReader.Read(r),
        "Encounter" => Encounter(r),
        "Condition" => new ConditionFacts(
            FirstCode(Concept(r, "clinicalStatus")), FirstCode(Concept(r, "verificationStatus")), FirstCode(Concepts(r, "category")),
            Concept(r, "code"), DateOrPeriodStart(r, "onset"), DateOrPeriodStart(r, "abatement"), Date(r, "recordedDate")),
        "Observation" => Observation(r),
        "MedicationRequest" => new MedicationRequestFacts(
            Str(r, "status"), Str(r, "intent"), Concept(r, "medicationCodeableConcept"), Date(r, "authoredOn")),
        "Procedure" => Procedure(r),
        "Immunization" => new ImmunizationFacts(Str(r, "status"), Concept(r, "vaccineCode"), Date(r, "occurrenceDateTime")),
        "AllergyIntolerance" => new AllergyIntoleranceFacts(
            FirstCode(Concept(r, "clinicalStatus")), FirstCode(Concept(r, "verificationStatus")), Str(r, "type"),
            Strings(r, "category").FirstOrDefault(), Str(r, "criticality"), Concept(r, "code"),
            DateOrPeriodStart(r, "onset"), Date(r, "recordedDate")),
        "DiagnosticReport" => new DiagnosticReportFacts(
            Str(r, "status"), FirstCode(Concepts(r, "category")), Concept(r, "code"), DateOrPeriodStart(r, "effective"),
            Date(r, "issued"), Array(r, "result").Count()),
        "CarePlan" => CarePlan(r),
        _ => null,
    };

    private static EncounterFacts Encounter(JsonElement r)
    {
        var (start, end) = Period(r, "period");
        return new EncounterFacts(Str(r, "status"), CodingOf(Object(r, "class")), Concepts(r, "type"), Concepts(r, "reasonCode"), start, end);
    }

    private static ProcedureFacts Procedure(JsonElement r)
    {
        var (start, end) = Period(r, "performedPeriod");
        return new ProcedureFacts(Str(r, "status"), Concept(r, "code"), Date(r, "performedDateTime") ?? start, end);
    }

    private static CarePlanFacts CarePlan(JsonElement r)
    {
        var (start, end) = Period(r, "period");
        var activities = Array(r, "activity")
            .Select(a => Object(a, "detail"))
            .SelectMany(d => d is { } detail ? Concept(detail, "code") : [])
            .ToList();
        return new CarePlanFacts(Str(r, "status"), Str(r, "intent"), Concepts(r, "category"), start, end, activities);
    }

    private static ObservationFacts Observation(JsonElement r)
    {
        var components = Array(r, "component").Select(c => new ObservationComponent(Concept(c, "code"), Value(c))).ToList();
        return new ObservationFacts(
            Str(r, "status"), FirstCode(Concepts(r, "category")), Concept(r, "code"), DateOrPeriodStart(r, "effective"),
            Date(r, "issued"), Value(r), components);
    }

    /// <summary>Observation.value[x] and Observation.component.value[x].</summary>
    private static ObservationValue Value(JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!property.Name.StartsWith("value", StringComparison.Ordinal)) continue;
            switch (property.Name)
            {
                case "valueQuantity":
                    return new ObservationValue(ObservationValueKind.Quantity, QuantityOf(Object(element, "valueQuantity")), [], null);
                case "valueInteger":
                    return new ObservationValue(ObservationValueKind.Quantity, new Quantity(Number(element, "valueInteger")!.Value, null, null, null, null), [], null);
                case "valueCodeableConcept":
                    return new ObservationValue(ObservationValueKind.Coded, null, Concept(element, "valueCodeableConcept"), null);
                case "valueString":
                    return new ObservationValue(ObservationValueKind.Text, null, [], null);
                case "valueBoolean":
                    return property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False
                        ? new ObservationValue(ObservationValueKind.Boolean, null, [], property.Value.GetBoolean())
                        : throw new ElementException("valueBoolean must be true or false");
                default:
                    return new ObservationValue(ObservationValueKind.Other, null, [], null);
            }
        }
        return ObservationValue.None;
    }
}
