using EmrMarket.Fhir.Model;
using Npgsql;
using NpgsqlTypes;

namespace EmrMarket.Testing;

public static partial class CohortRows
{
    /// <summary>The LOINC codes every loaded patient has two measurements of (two visits).</summary>
    public static readonly IReadOnlyList<string> ObservationCodes = ["4548-4", "2339-0", "8480-6", "8462-4", "39156-5"];

    private sealed record Condition(string Code, string Display, DateTimeOffset Onset);

    private sealed record ChronicCondition(string Code, string Display, int FromAge, int ToAge, double Low, double High);

    // Real SNOMED CT codes with rough US prevalences rising linearly with age between FromAge and ToAge.
    private static readonly ChronicCondition[] Chronic =
    [
        new("162864005", "Body mass index 30+ - obesity (finding)", 10, 40, 0.15, 0.4),
        new("38341003", "Hypertension", 25, 75, 0.05, 0.6),
        new("55822004", "Hyperlipidemia", 20, 70, 0.03, 0.45),
        new("44054006", "Diabetes", 20, 70, 0.02, 0.25),
        new("15777000", "Prediabetes", 18, 65, 0.08, 0.3),
        new("433144002", "Chronic kidney disease stage 3 (disorder)", 40, 85, 0.02, 0.2),
        new("53741008", "Coronary Heart Disease", 45, 85, 0.02, 0.18),
        new("49436004", "Atrial fibrillation (disorder)", 55, 90, 0.01, 0.12),
        new("195967001", "Asthma", 2, 3, 0.08, 0.08),
        new("13645005", "Chronic obstructive lung disease (disorder)", 40, 80, 0.01, 0.08),
        new("370143000", "Major depression disorder", 12, 13, 0.08, 0.08),
    ];

    private static readonly (string Code, string Display)[] Acute =
        [("444814009", "Viral sinusitis (disorder)"), ("195662009", "Acute viral pharyngitis (disorder)"), ("10509002", "Acute bronchitis (disorder)")];

    private static IEnumerable<Condition> ConditionsOf(Person p, Random random)
    {
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset Onset() => now.AddDays(-random.Next(1, 365 * Math.Clamp(p.Age, 1, 20)));
        var any = false;
        foreach (var c in Chronic)
        {
            var share = c.Low + (c.High - c.Low) * Math.Clamp((p.Age - c.FromAge) / (double)(c.ToAge - c.FromAge), 0, 1);
            if (p.Age < c.FromAge || random.NextDouble() >= share) continue;
            any = true;
            yield return new Condition(c.Code, c.Display, Onset());
        }
        if (!any || random.NextDouble() < 0.6)
        {
            var (code, display) = Acute[random.Next(Acute.Length)];
            yield return new Condition(code, display, now.AddDays(-random.Next(1, 365 * 5)));
        }
    }

    private static Task<int> CopyConditionsAsync(NpgsqlConnection connection, List<Person> people, CancellationToken cancellationToken) =>
        Copy(connection, """
            copy conditions (record_id, patient_id, source_id, clinical_status, verification_status, category, code_system, code, display, codes, onset, recorded)
            from stdin (format binary)
            """, people.SelectMany(p => p.Conditions.Select(c => (p, c))), (w, row) =>
        {
            var (p, c) = row;
            var id = Guid.CreateVersion7();
            w.Write(id, NpgsqlDbType.Uuid);
            w.Write(p.Id, NpgsqlDbType.Uuid);
            w.Write($"cond-{id:N}", NpgsqlDbType.Text);
            w.Write("active", NpgsqlDbType.Text);
            w.Write("confirmed", NpgsqlDbType.Text);
            w.Write("encounter-diagnosis", NpgsqlDbType.Text);
            w.Write(CodeSystems.Snomed, NpgsqlDbType.Text);
            w.Write(c.Code, NpgsqlDbType.Text);
            w.Write(c.Display, NpgsqlDbType.Text);
            w.Write(new[] { $"{CodeSystems.Snomed}|{c.Code}" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
            w.Write(c.Onset, NpgsqlDbType.TimestampTz);
            w.Write(c.Onset, NpgsqlDbType.TimestampTz);
        }, cancellationToken);

    private sealed record Measurement(Person Patient, string Code, string Display, double Value, string Unit, string Category, DateTimeOffset At);

    private static IEnumerable<Measurement> MeasurementsOf(Person p, Random random)
    {
        bool Has(string code) => p.Conditions.Any(c => c.Code == code);
        double Normal(double mean, double sd) => mean + sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var diabetic = Has("44054006");
        var hypertensive = Has("38341003");
        for (var visit = 0; visit < 2; visit++)
        {
            var at = DateTimeOffset.UtcNow.AddDays(-random.Next(1, 365 * 5)).AddMinutes(-random.Next(600));
            yield return new(p, "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", Math.Round(diabetic ? Normal(7.6, 1.2) : Normal(5.4, 0.4), 1), "%", "laboratory", at);
            yield return new(p, "2339-0", "Glucose [Mass/volume] in Blood", Math.Round(diabetic ? Normal(150, 35) : Normal(92, 10)), "mg/dL", "laboratory", at);
            yield return new(p, "8480-6", "Systolic blood pressure", Math.Round(Normal(hypertensive ? 138 : 118, 12)), "mm[Hg]", "vital-signs", at);
            yield return new(p, "8462-4", "Diastolic blood pressure", Math.Round(Normal(hypertensive ? 86 : 76, 8)), "mm[Hg]", "vital-signs", at);
            yield return new(p, "39156-5", "Body mass index (BMI) [Ratio]", Math.Round(Has("162864005") ? Normal(34, 3) : Normal(25, 3), 1), "kg/m2", "vital-signs", at);
        }
    }

    private static Task<int> CopyObservationsAsync(NpgsqlConnection connection, List<Person> people, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed + 2);
        return Copy(connection, """
            copy observations (record_id, patient_id, source_id, status, category, code_system, code, display, codes, effective, issued, value_kind,
                               value_number, value_unit, value_unit_code)
            from stdin (format binary)
            """, people.SelectMany(p => MeasurementsOf(p, random)), (w, m) =>
        {
            var id = Guid.CreateVersion7();
            w.Write(id, NpgsqlDbType.Uuid);
            w.Write(m.Patient.Id, NpgsqlDbType.Uuid);
            w.Write($"obs-{id:N}", NpgsqlDbType.Text);
            w.Write("final", NpgsqlDbType.Text);
            w.Write(m.Category, NpgsqlDbType.Text);
            w.Write(CodeSystems.Loinc, NpgsqlDbType.Text);
            w.Write(m.Code, NpgsqlDbType.Text);
            w.Write(m.Display, NpgsqlDbType.Text);
            w.Write(new[] { $"{CodeSystems.Loinc}|{m.Code}" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
            w.Write(m.At, NpgsqlDbType.TimestampTz);
            w.Write(m.At, NpgsqlDbType.TimestampTz);
            w.Write("quantity", NpgsqlDbType.Text);
            w.Write(m.Value, NpgsqlDbType.Double);
            w.Write(m.Unit, NpgsqlDbType.Text);
            w.Write(m.Unit, NpgsqlDbType.Text);
        }, cancellationToken);
    }
}
