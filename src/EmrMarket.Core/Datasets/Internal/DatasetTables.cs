using System.Globalization;
using EmrMarket.Core.Datasets.Packaging;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Core.Datasets.Internal;

/// <summary>
/// Turns the anonymized patient table and the included patients' events into the package's CSV tables.
/// Events keep their codes and values; their dates keep only the year (Safe Harbor). Only patients the
/// privacy model kept appear, under the dataset's pseudonym.
/// </summary>
internal static class DatasetTables
{
    public static (IReadOnlyList<DatasetTable> Tables, Dictionary<Guid, int> RowsPerPatient) Build(
        Table anonymized, ClinicalExtract extract, IReadOnlyDictionary<Guid, string> pseudonyms)
    {
        var kept = new HashSet<string>(anonymized.Column(anonymized.RequireColumn(PatientTable.Pid)).Select(p => p!), StringComparer.Ordinal);
        var included = pseudonyms.Where(kv => kept.Contains(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var rows = included.Keys.ToDictionary(id => id, _ => 1);
        string? Pid(Guid id)
        {
            if (!included.TryGetValue(id, out var pid)) return null;
            rows[id]++;
            return pid;
        }

        var patientColumns = anonymized.Schema.Select(c => c.Name).ToList();
        var patientRows = Enumerable.Range(0, anonymized.RowCount)
            .Select(r => patientColumns.Select((_, c) => anonymized.Column(c)[r]).ToArray())
            .OrderBy(r => r[0], StringComparer.Ordinal)
            .ToList();

        var conditions = extract.Conditions.Select(e => (Pid: Pid(e.PatientId), e)).Where(x => x.Pid is not null)
            .Select(x => new[] { x.Pid, x.e.System, x.e.Code, x.e.Display, Year(x.e.At) }).ToList();
        var observations = extract.Observations.Select(e => (Pid: Pid(e.PatientId), e)).Where(x => x.Pid is not null)
            .Select(x => new[] { x.Pid, x.e.Code, x.e.Display, x.e.Value?.ToString("R", CultureInfo.InvariantCulture), x.e.Unit, x.e.ValueCode, Year(x.e.At) })
            .ToList();
        var medications = extract.Medications.Select(e => (Pid: Pid(e.PatientId), e)).Where(x => x.Pid is not null)
            .Select(x => new[] { x.Pid, x.e.System, x.e.Code, x.e.Display, Year(x.e.At) }).ToList();

        IReadOnlyList<DatasetTable> tables =
        [
            new("patients", "One row per patient: the quasi-identifiers as the privacy model generalized them.",
                patientColumns.Select(Describe).ToList(), patientRows),
            new("conditions", "Diagnoses (FHIR Condition), one row each.", [PidColumn, SystemColumn, CodeColumn("SNOMED CT or ICD-10"), DisplayColumn, YearColumn("onset")], conditions),
            new("observations", "Measurements and lab results (FHIR Observation) of the dataset's LOINC codes.",
                [PidColumn, CodeColumn("LOINC"), DisplayColumn, new("value", "number", "numeric value"), new("unit", "UCUM", "unit of the value"),
                 new("value_code", "code", "coded value, when not numeric"), YearColumn("effective")], observations),
            new("medications", "Prescriptions (FHIR MedicationRequest), one row each.", [PidColumn, SystemColumn, CodeColumn("RxNorm"), DisplayColumn, YearColumn("authored")], medications),
        ];
        return (tables, rows);
    }

    private static string? Year(DateTimeOffset? at) => at?.Year.ToString(CultureInfo.InvariantCulture);

    private static readonly DatasetColumn PidColumn = new("pid", "pseudonym", "the patient, under this dataset's own pseudonym");
    private static readonly DatasetColumn SystemColumn = new("system", "URI", "code system");
    private static readonly DatasetColumn DisplayColumn = new("display", "text", "the code's meaning");

    private static DatasetColumn CodeColumn(string system) => new("code", "code", $"{system} code");

    private static DatasetColumn YearColumn(string what) => new($"{what}_year", "year", $"year of the {what} date (Safe Harbor keeps no finer date)");

    private static DatasetColumn Describe(string column) => column switch
    {
        "pid" => PidColumn,
        "age" => new("age", "years or band", "age on the build date, generalized to the band shown; over 89 pooled as 90+"),
        "sex" => new("sex", "code", "administrative sex; * where suppressed"),
        "zip3" => new("zip3", "ZIP3 or state", "first three ZIP digits (000 for restricted areas), or the state or * where generalized"),
        "race" => new("race", "text", "race (US Core); * where suppressed"),
        "ethnicity" => new("ethnicity", "text", "ethnicity (US Core); * where suppressed"),
        "marital_status" => new("marital_status", "code", "marital status; * where suppressed"),
        "primary_condition" => new("primary_condition", "code", "the patient's most frequently recorded condition code"),
        _ => new(column, "text", column),
    };
}
