namespace EmrMarket.Fhir.Synthetic.Internal;

/// <summary>
/// Writes a wellness visit's vital signs, survey scores and laboratory panels, with values that follow the
/// patient's conditions at that date: HbA1c and glucose high for diabetics, eGFR low in kidney disease, lipids
/// high in hyperlipidemia, blood pressure high in hypertension, BMI over 30 in obesity.
/// </summary>
internal sealed class VisitWriter(ResourceWriter w, Rng rng, PatientProfile p, Guid encounter, DateTime time, int age)
{
    private const string Loinc = "http://loinc.org";
    private const string Categories = "http://terminology.hl7.org/CodeSystem/observation-category";

    public void Write(List<ConditionSpec> active)
    {
        bool Has(string key) => active.Any(c => c.Key == key);

        var height = age >= 18 ? rng.Normal(p.Male ? 176 : 162, 7, 140, 205) : 50 + age * 6.5 + rng.Normal(0, 4);
        var bmi = age < 2 ? 16 : Has("obesity") ? rng.Normal(34, 3, 30, 50) : rng.Normal(age < 18 ? 19 : 25, 2.5, 15, 29.9);
        Vital(new("8302-2", "Body Height"), Round(height, 1), "cm");
        Vital(new("29463-7", "Body Weight"), Round(bmi * height * height / 10000, 1), "kg");
        if (age >= 2) Vital(new("39156-5", "Body Mass Index"), Round(bmi, 1), "kg/m2");
        if (age >= 3)
        {
            var hypertensive = Has("hypertension");
            Observation("vital-signs", new("85354-9", "Blood pressure panel with all children optional"), id => w.Components(
            [
                (new("8480-6", "Systolic Blood Pressure"), Round(rng.Normal(hypertensive ? 146 : 118, hypertensive ? 11 : 9, 85, 200), 0), "mm[Hg]"),
                (new("8462-4", "Diastolic Blood Pressure"), Round(rng.Normal(hypertensive ? 92 : 76, 7, 50, 120), 0), "mm[Hg]"),
            ]));
            Vital(new("8867-4", "Heart rate"), Round(rng.Normal(Has("afib") ? 96 : 72, 10, 45, 160), 0), "/min");
        }
        if (age >= 12)
        {
            var smoking = p.Smoker ? Terminology.CurrentSmoker : rng.Chance(0.2) ? Terminology.ExSmoker : Terminology.NeverSmoker;
            Observation("social-history", new("72166-2", "Tobacco smoking status NHIS"), _ => w.Concept("valueCodeableConcept", "http://snomed.info/sct", smoking));
            if (rng.Chance(0.5)) Survey(new("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"), Round(Has("depression") ? rng.Normal(14, 4, 5, 27) : rng.Normal(3, 2, 0, 9), 0));
        }
        if (age < 18 || !(rng.Chance(0.6) || active.Count > 0)) return;

        var hyperlipidemia = Has("hyperlipidemia");
        Panel(Terminology.LipidPanel,
        [
            (new("2093-3", "Total Cholesterol"), rng.Normal(hyperlipidemia ? 240 : 185, 25, 100, 400), "mg/dL"),
            (new("2571-8", "Triglycerides"), rng.Normal(hyperlipidemia ? 210 : 120, 35, 40, 600), "mg/dL"),
            (new("18262-6", "Low Density Lipoprotein Cholesterol"), rng.Normal(hyperlipidemia ? 160 : 105, 20, 40, 300), "mg/dL"),
            (new("2085-9", "High Density Lipoprotein Cholesterol"), rng.Normal(50, 10, 20, 100), "mg/dL"),
        ]);
        var diabetic = Has("diabetes");
        var prediabetic = Has("prediabetes");
        var ckd = Has("ckd");
        var panel = new List<(Coding, double, string)>
        {
            (new("2339-0", "Glucose"), rng.Normal(diabetic ? 160 : prediabetic ? 112 : 88, diabetic ? 35 : 8, 55, 450), "mg/dL"),
            (new("38483-4", "Creatinine"), rng.Normal(ckd ? 1.9 : 0.9, ckd ? 0.4 : 0.15, 0.4, 6), "mg/dL"),
            (new("33914-3", "Estimated Glomerular Filtration Rate"), ckd ? rng.Normal(45, 8, 30, 59) : rng.Normal(Math.Max(70, 115 - age * 0.6), 10, 60, 130), "mL/min/{1.73_m2}"),
        };
        if (diabetic || prediabetic || age >= 45)
            panel.Add((new("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood"), diabetic ? rng.Normal(7.6, 1.1, 6.5, 13) : prediabetic ? rng.Normal(6.0, 0.2, 5.7, 6.4) : rng.Normal(5.3, 0.25, 4.2, 5.6), "%"));
        Panel(Terminology.MetabolicPanel, [.. panel]);
        if (p.Male && age >= 50)
            Lab(new("2857-1", "Prostate specific Ag [Mass/volume] in Serum or Plasma"), Round(Has("prostate-cancer") ? rng.Normal(9, 3, 4.1, 30) : rng.Normal(1.2, 0.6, 0.1, 4), 2), "ng/mL");
    }

    private void Panel(Coding code, (Coding Code, double Value, string Unit)[] results)
    {
        var ids = results.Select(r => Lab(r.Code, Round(r.Value, r.Value < 20 ? 1 : 0), r.Unit)).ToList();
        w.Begin("DiagnosticReport", rng.Uuid());
        w.String("status", "final");
        w.Concepts("category", "http://terminology.hl7.org/CodeSystem/v2-0074", new Coding("LAB", "Laboratory"));
        w.Concept("code", Loinc, code);
        Context();
        w.Time("issued", time.AddHours(2));
        w.References("result", "Observation", ids);
        w.End();
    }

    private void Vital(Coding code, double value, string unit) =>
        Observation("vital-signs", code, _ => w.Quantity("valueQuantity", value, unit));

    private void Survey(Coding code, double value) =>
        Observation("survey", code, _ => w.Quantity("valueQuantity", value, "{score}"));

    private Guid Lab(Coding code, double value, string unit) =>
        Observation("laboratory", code, _ => w.Quantity("valueQuantity", value, unit));

    private Guid Observation(string category, Coding code, Action<Guid> value)
    {
        var id = rng.Uuid();
        w.Begin("Observation", id);
        w.String("status", "final");
        w.Concepts("category", Categories, new Coding(category, category));
        w.Concept("code", Loinc, code);
        Context();
        w.Time("issued", time);
        value(id);
        w.End();
        return id;
    }

    private void Context()
    {
        w.Reference("subject", "Patient", p.Id);
        w.Reference("encounter", "Encounter", encounter);
        w.Time("effectiveDateTime", time);
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
