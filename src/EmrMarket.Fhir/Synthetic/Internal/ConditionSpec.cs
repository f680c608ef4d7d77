namespace EmrMarket.Fhir.Synthetic.Internal;

/// <summary>A chronic condition: its codes, from which age, its risk, its medications and care plan.</summary>
internal sealed record ConditionSpec(
    string Key, Coding Snomed, Coding Icd10, int MinAge, Func<PatientProfile, double> Risk, Coding[] Medications, Coding? CarePlan);
