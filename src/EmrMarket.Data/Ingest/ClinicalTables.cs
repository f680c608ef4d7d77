using EmrMarket.Fhir.Model;
using Npgsql;

namespace EmrMarket.Data.Ingest;

/// <summary>The typed tables of migration 0006 and how each FHIR resource type fills its row.</summary>
internal static class ClinicalTables
{
    private const string Common = "record_id, patient_id, source_id, encounter_source_id";

    public static readonly IReadOnlyDictionary<string, ClinicalTable> ByType = new Dictionary<string, ClinicalTable>(StringComparer.Ordinal)
    {
        ["Encounter"] = new("encounters",
            "copy encounters (record_id, patient_id, source_id, status, class_code, type_system, type_code, type_display, reason_system, reason_code, period_start, period_end) from stdin (format binary)",
            (i, c, f) =>
            {
                var e = (EncounterFacts)f;
                var type = CodeSystems.Pick(e.Type, CodeSystems.Snomed);
                var reason = CodeSystems.Pick(e.Reason, CodeSystems.Snomed);
                i.Uuid(c.RecordId); i.Uuid(c.PatientId); i.Text(c.SourceId); i.Text(e.Status); i.Text(e.Class?.Code);
                i.Text(type?.System); i.Text(type?.Code); i.Text(type?.Display); i.Text(reason?.System); i.Text(reason?.Code);
                i.Time(e.Start?.Start); i.Time(e.End?.Start);
            }),
        ["Condition"] = new("conditions",
            $"copy conditions ({Common}, clinical_status, verification_status, category, code_system, code, display, codes, onset, abatement, recorded) from stdin (format binary)",
            (i, c, f) =>
            {
                var e = (ConditionFacts)f;
                Head(i, c); i.Text(e.ClinicalStatus); i.Text(e.VerificationStatus); i.Text(e.Category);
                Code(i, e.Code, CodeSystems.Snomed, CodeSystems.Icd10Cm); i.Texts(Codes(e.Code));
                i.Time(e.Onset?.Start); i.Time(e.Abatement?.Start); i.Time(e.Recorded?.Start);
            }),
        ["Observation"] = new("observations",
            $"copy observations ({Common}, status, category, code_system, code, display, codes, effective, issued, value_kind, value_number, value_comparator, value_unit, value_unit_code, value_code_system, value_code, value_display, value_boolean) from stdin (format binary)",
            (i, c, f) =>
            {
                var e = (ObservationFacts)f;
                Head(i, c); i.Text(e.Status); i.Text(e.Category);
                Code(i, e.Code, CodeSystems.Loinc); i.Texts(Codes(e.Code)); i.Time(e.Effective?.Start); i.Time(e.Issued?.Start);
                Value(i, e.Value, withComparator: true);
                i.Boolean(e.Value.Boolean);
            }),
        ["MedicationRequest"] = new("medication_requests",
            $"copy medication_requests ({Common}, status, intent, code_system, code, display, codes, authored_on) from stdin (format binary)",
            (i, c, f) =>
            {
                var e = (MedicationRequestFacts)f;
                Head(i, c); i.Text(e.Status); i.Text(e.Intent);
                Code(i, e.Medication, CodeSystems.RxNorm); i.Texts(Codes(e.Medication)); i.Time(e.AuthoredOn?.Start);
            }),
        ["Procedure"] = new("procedures",
            $"copy procedures ({Common}, status, code_system, code, display, codes, performed_start, performed_end) from stdin (format binary)",
            (i, c, f) =>
            {
                var e = (ProcedureFacts)f;
                Head(i, c); i.Text(e.Status);
                Code(i, e.Code, CodeSystems.Snomed); i.Texts(Codes(e.Code)); i.Time(e.Start?.Start); i.Time(e.End?.Start);
            }),
        ["Immunization"] = new("immunizations",
            $"copy immunizations ({Common}, status, code_system, code, display, occurred) from stdin (format binary)",
            (i, c, f) =>
            {
                var e = (ImmunizationFacts)f;
                Head(i, c); i.Text(e.Status); Code(i, e.VaccineCode, CodeSystems.Cvx); i.Time(e.Occurrence?.Start);
            }),
        ["AllergyIntolerance"] = new("allergy_intolerances",
            $"copy allergy_intolerances ({Common}, clinical_status, verification_status, type, category, criticality, code_system, code, display, codes, onset, recorded) from stdin (format binary)",
            (i, c, f) =>
            {
                var e = (AllergyIntoleranceFacts)f;
                Head(i, c); i.Text(e.ClinicalStatus); i.Text(e.VerificationStatus); i.Text(e.Type); i.Text(e.Category); i.Text(e.Criticality);
                Code(i, e.Code, CodeSystems.Snomed); i.Texts(Codes(e.Code)); i.Time(e.Onset?.Start); i.Time(e.Recorded?.Start);
            }),
        ["DiagnosticReport"] = new("diagnostic_reports",
            $"copy diagnostic_reports ({Common}, status, category, code_system, code, display, effective, issued, result_count) from stdin (format binary)",
            (i, c, f) =>
            {
                var e = (DiagnosticReportFacts)f;
                Head(i, c); i.Text(e.Status); i.Text(e.Category); Code(i, e.Code, CodeSystems.Loinc);
                i.Time(e.Effective?.Start); i.Time(e.Issued?.Start); i.Integer(e.ResultCount);
            }),
        ["CarePlan"] = new("care_plans",
            $"copy care_plans ({Common}, status, intent, category_system, category_code, category_display, activity_codes, period_start, period_end) from stdin (format binary)",
            (i, c, f) =>
            {
                var e = (CarePlanFacts)f;
                Head(i, c); i.Text(e.Status); i.Text(e.Intent); Code(i, e.Category, CodeSystems.Snomed);
                i.Texts(Codes(e.Activities)); i.Time(e.Start?.Start); i.Time(e.End?.Start);
            }),
    };

    public const string ComponentCopy =
        "copy observation_components (record_id, seq, code_system, code, display, value_kind, value_number, value_unit, value_unit_code, value_code_system, value_code, value_display) from stdin (format binary)";

    public static void WriteComponent(NpgsqlBinaryImporter i, Guid recordId, short seq, ObservationComponent component)
    {
        i.Uuid(recordId);
        i.Write(seq, NpgsqlTypes.NpgsqlDbType.Smallint);
        Code(i, component.Code, CodeSystems.Loinc);
        Value(i, component.Value, withComparator: false);
    }

    private static void Head(NpgsqlBinaryImporter i, RowContext c)
    {
        i.Uuid(c.RecordId); i.Uuid(c.PatientId); i.Text(c.SourceId); i.Text(c.EncounterSourceId);
    }

    private static void Code(NpgsqlBinaryImporter i, IReadOnlyList<Coding> codings, params ReadOnlySpan<string> preferred)
    {
        var coding = CodeSystems.Pick(codings, preferred);
        i.Text(coding?.System); i.Text(coding?.Code); i.Text(coding?.Display);
    }

    private static string[] Codes(IReadOnlyList<Coding> codings) =>
        codings.Where(c => c.Code is not null).Select(c => $"{c.System}|{c.Code}").ToArray();

    private static void Value(NpgsqlBinaryImporter i, ObservationValue value, bool withComparator)
    {
        var coded = value.Kind == ObservationValueKind.Coded ? CodeSystems.Pick(value.Codes, CodeSystems.Snomed) : null;
        i.Text(value.Kind.ToString().ToLowerInvariant());
        i.Number(value.Quantity?.Value);
        if (withComparator) i.Text(value.Quantity?.Comparator);
        i.Text(value.Quantity?.Unit); i.Text(value.Quantity?.Code);
        i.Text(coded?.System); i.Text(coded?.Code); i.Text(coded?.Display);
    }
}
