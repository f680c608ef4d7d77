namespace EmrMarket.Fhir.Synthetic.Internal;

/// <summary>Decides one patient's demographics and conditions and writes their history of care as FHIR resources.</summary>
internal sealed class PatientSimulator(Rng rng, DateOnly today, ResourceWriter w, Pools pools)
{
    private const string Loinc = "http://loinc.org";
    private const string Snomed = "http://snomed.info/sct";
    private const string Observations = "http://terminology.hl7.org/CodeSystem/observation-category";

    private readonly List<(Guid Id, ConditionSpec Spec)> _recorded = [];

    public PatientProfile Profile { get; } = CreateProfile(rng, today);

    public void Write(bool withSharedResources)
    {
        var p = Profile;
        var organization = pools.Organizations[rng.Int(0, pools.Organizations.Count)];
        var practitioner = pools.Practitioners[rng.Int(0, pools.Practitioners.Count)];
        new PatientResource(w).Write(p);
        if (withSharedResources)
        {
            pools.WriteOrganization(w, organization);
            pools.WritePractitioner(w, practitioner);
        }

        var years = Math.Min(p.Age, 6) + 1;
        var first = true;
        for (var y = years; y >= 1; y--)
        {
            var visit = Later(today.AddYears(-y + 1).AddDays(-rng.Int(30, 330)), p.BirthDate.AddDays(14));
            var encounter = Encounter(visit, Terminology.WellnessVisit, "AMB", organization.Id, practitioner.Id);
            Diagnoses(encounter, visit);
            if (first && rng.Chance(0.15)) Allergies(encounter, visit);
            new VisitWriter(w, rng, p, encounter, Time(visit), AgeAt(visit)).Write(ActiveAt(visit));
            Procedures(encounter, visit);
            Immunizations(encounter, visit);
            first = false;

            for (var s = rng.Int(0, 3); s > 0; s--)
            {
                var sick = visit.AddDays(rng.Int(20, 300));
                if (sick >= today) continue;
                var (condition, medication) = rng.Pick(Terminology.AcuteIllnesses);
                var sickEncounter = Encounter(sick, Terminology.SickVisit, "AMB", organization.Id, practitioner.Id);
                var id = Condition(sickEncounter, condition, null, sick, sick.AddDays(rng.Int(7, 21)));
                Medication(sickEncounter, sick, medication, id, "completed");
            }
        }
    }

    private static PatientProfile CreateProfile(Rng rng, DateOnly today)
    {
        var male = rng.Chance(0.49);
        var (from, to) = rng.Weighted(Census.Ages);
        var age = rng.Int(from, to);
        var birth = today.AddYears(-age).AddDays(-rng.Int(1, 365));
        var area = rng.Weighted(Census.Areas);
        var profile = new PatientProfile
        {
            Id = rng.Uuid(),
            Male = male,
            BirthDate = birth,
            Age = age,
            Race = rng.Weighted(Census.Races),
            Hispanic = rng.Chance(Census.HispanicShare),
            Smoker = age >= 18 && rng.Chance(0.14),
            Given = rng.Pick(male ? Census.MaleNames : Census.FemaleNames),
            Family = rng.Pick(Census.FamilyNames),
            Area = area,
            Zip = area.Zip3 + rng.Digits(2),
            Street = $"{rng.Int(1, 9999)} {rng.Pick(Census.Streets)}",
            Phone = $"555-{rng.Digits(3)}-{rng.Digits(4)}",
            Mrn = "MRN" + rng.Digits(8),
            Ssn = $"999-{rng.Digits(2)}-{rng.Digits(4)}",
            DriversLicense = age >= 16 && rng.Chance(0.85) ? "S" + rng.Digits(8) : null,
            Passport = age >= 16 && rng.Chance(0.4) ? "X" + rng.Digits(8) + "X" : null,
        };
        foreach (var spec in Terminology.Conditions)
        {
            if (age < spec.MinAge || !rng.Chance(Math.Min(spec.Risk(profile), 0.95))) continue;
            var earliest = birth.AddYears(spec.MinAge);
            var span = Math.Max(1, today.DayNumber - 30 - earliest.DayNumber);
            profile.Conditions[spec.Key] = earliest.AddDays(rng.Int(0, span));
        }
        return profile;
    }

    private Guid Encounter(DateOnly date, Coding type, string classCode, Guid organization, Guid practitioner)
    {
        var id = rng.Uuid();
        var start = Time(date);
        w.Begin("Encounter", id);
        w.String("status", "finished");
        var raw = w.Raw;
        raw.WriteStartObject("class");
        raw.WriteString("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode");
        raw.WriteString("code", classCode);
        raw.WriteEndObject();
        w.Concepts("type", Snomed, type);
        w.Reference("subject", "Patient", Profile.Id);
        raw.WriteStartArray("participant");
        raw.WriteStartObject();
        w.Reference("individual", "Practitioner", practitioner);
        raw.WriteEndObject();
        raw.WriteEndArray();
        w.Period(start, start.AddMinutes(rng.Int(15, 60)));
        w.Reference("serviceProvider", "Organization", organization);
        w.End();
        return id;
    }

    /// <summary>Records each chronic condition at the first visit on or after its onset (or the first visit at all).</summary>
    private void Diagnoses(Guid encounter, DateOnly visit)
    {
        foreach (var spec in Terminology.Conditions)
        {
            if (!Profile.Conditions.TryGetValue(spec.Key, out var onset) || _recorded.Any(r => r.Spec == spec)) continue;
            if (onset > visit) continue;
            var id = Condition(encounter, spec.Snomed, spec.Icd10, onset, null, visit);
            _recorded.Add((id, spec));
            foreach (var medication in spec.Medications.Take(rng.Int(1, 3))) Medication(encounter, visit, medication, id, "active");
            if (spec.CarePlan is { } plan) CarePlan(encounter, visit, plan, id);
        }
    }

    private Guid Condition(Guid encounter, Coding code, Coding? icd10, DateOnly onset, DateOnly? abatement, DateOnly? recorded = null)
    {
        var id = rng.Uuid();
        w.Begin("Condition", id);
        w.Status("clinicalStatus", "http://terminology.hl7.org/CodeSystem/condition-clinical", abatement is null ? "active" : "resolved");
        w.Status("verificationStatus", "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed");
        w.Concept("code", Snomed, code, icd10, "http://hl7.org/fhir/sid/icd-10-cm");
        w.Reference("subject", "Patient", Profile.Id);
        w.Reference("encounter", "Encounter", encounter);
        w.Time("onsetDateTime", Time(onset));
        if (abatement is { } end) w.Time("abatementDateTime", Time(end));
        w.Time("recordedDate", Time(recorded ?? onset));
        w.End();
        return id;
    }

    private void Medication(Guid encounter, DateOnly date, Coding medication, Guid reason, string status)
    {
        w.Begin("MedicationRequest", rng.Uuid());
        w.String("status", status);
        w.String("intent", "order");
        w.Concept("medicationCodeableConcept", "http://www.nlm.nih.gov/research/umls/rxnorm", medication);
        w.Reference("subject", "Patient", Profile.Id);
        w.Reference("encounter", "Encounter", encounter);
        w.Time("authoredOn", Time(date));
        w.References("reasonReference", "Condition", [reason]);
        w.End();
    }

    private void CarePlan(Guid encounter, DateOnly date, Coding category, Guid condition)
    {
        w.Begin("CarePlan", rng.Uuid());
        w.String("status", "active");
        w.String("intent", "order");
        w.Concepts("category", Snomed, category);
        w.Reference("subject", "Patient", Profile.Id);
        w.Reference("encounter", "Encounter", encounter);
        w.Period(Time(date), null);
        w.References("addresses", "Condition", [condition]);
        w.End();
    }

    private void Allergies(Guid encounter, DateOnly date)
    {
        foreach (var (allergy, category) in Enumerable.Range(0, rng.Int(1, 3)).Select(_ => rng.Pick(Terminology.Allergies)).Distinct())
        {
            w.Begin("AllergyIntolerance", rng.Uuid());
            w.Status("clinicalStatus", "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active");
            w.Status("verificationStatus", "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed");
            w.String("type", "allergy");
            w.Raw.WriteStartArray("category");
            w.Raw.WriteStringValue(category);
            w.Raw.WriteEndArray();
            w.String("criticality", rng.Chance(0.2) ? "high" : "low");
            w.Concept("code", Snomed, allergy);
            w.Reference("patient", "Patient", Profile.Id);
            w.Reference("encounter", "Encounter", encounter);
            w.Time("recordedDate", Time(date));
            w.End();
        }
    }

    private void Procedures(Guid encounter, DateOnly date)
    {
        var active = ActiveAt(date);
        if (active.Any(c => c.Medications.Length > 0)) Procedure(encounter, date, Terminology.MedicationReview, 15);
        if (Profile.Age >= 12 && rng.Chance(0.3)) Procedure(encounter, date, Terminology.DepressionScreening, 10);
        if (active.Any(c => c.Key is "asthma" or "copd")) Procedure(encounter, date, Terminology.RespiratoryFunction, 20);
        if (Profile.Age >= 50 && rng.Chance(0.1)) Procedure(encounter, date, Terminology.Colonoscopy, 60);
    }

    private void Procedure(Guid encounter, DateOnly date, Coding code, int minutes)
    {
        var start = Time(date).AddMinutes(rng.Int(0, 30));
        w.Begin("Procedure", rng.Uuid());
        w.String("status", "completed");
        w.Concept("code", Snomed, code);
        w.Reference("subject", "Patient", Profile.Id);
        w.Reference("encounter", "Encounter", encounter);
        w.Period(start, start.AddMinutes(minutes), "performedPeriod");
        w.End();
    }

    private void Immunizations(Guid encounter, DateOnly date)
    {
        var age = AgeAt(date);
        var vaccines = new List<Coding>();
        if (rng.Chance(0.55)) vaccines.Add(Terminology.Flu);
        if (age < 7) vaccines.Add(rng.Pick(Terminology.ChildVaccines));
        if (age >= 19 && rng.Chance(0.1)) vaccines.Add(Terminology.Td);
        if (age >= 50 && rng.Chance(0.08)) vaccines.Add(Terminology.Zoster);
        if (age >= 65 && rng.Chance(0.1)) vaccines.Add(Terminology.Pneumococcal);
        foreach (var vaccine in vaccines)
        {
            w.Begin("Immunization", rng.Uuid());
            w.String("status", "completed");
            w.Concept("vaccineCode", "http://hl7.org/fhir/sid/cvx", vaccine);
            w.Reference("patient", "Patient", Profile.Id);
            w.Reference("encounter", "Encounter", encounter);
            w.Time("occurrenceDateTime", Time(date));
            w.Bool("primarySource", true);
            w.End();
        }
    }

    private List<ConditionSpec> ActiveAt(DateOnly date) =>
        Terminology.Conditions.Where(c => Profile.Conditions.TryGetValue(c.Key, out var onset) && onset <= date).ToList();

    private int AgeAt(DateOnly date) => Math.Max(0, date.Year - Profile.BirthDate.Year - (date.DayOfYear < Profile.BirthDate.DayOfYear ? 1 : 0));

    private DateTime Time(DateOnly date) => date.ToDateTime(new TimeOnly(8 + rng.Int(0, 9), rng.Int(0, 60), rng.Int(0, 60)));

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
