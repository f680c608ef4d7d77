namespace EmrMarket.Fhir.Synthetic.Internal;

/// <summary>
/// Real codes the generator uses: SNOMED CT conditions with their ICD-10-CM counterparts, LOINC labs and vital
/// signs with UCUM units, RxNorm medications, CVX vaccines, SNOMED procedures and allergies. Risks are rough
/// US adult prevalences by age, raised by the conditions that drive them (obesity → diabetes → kidney disease).
/// </summary>
internal static class Terminology
{
    public static readonly ConditionSpec[] Conditions =
    [
        new("obesity", new("162864005", "Body mass index 30+ - obesity (finding)"), new("E66.9", "Obesity, unspecified"), 18,
            p => 0.38, [], null),
        new("hypertension", new("38341003", "Hypertension"), new("I10", "Essential (primary) hypertension"), 18,
            p => Ramp(p.Age, 25, 75, 0.05, 0.65) + (p.Has("obesity") ? 0.15 : 0),
            [new("314076", "lisinopril 10 MG Oral Tablet"), new("197361", "amlodipine 5 MG Oral Tablet"), new("316049", "Hydrochlorothiazide 25 MG")],
            new("443402002", "Lifestyle education regarding hypertension (procedure)")),
        new("hyperlipidemia", new("55822004", "Hyperlipidemia"), new("E78.5", "Hyperlipidemia, unspecified"), 20,
            p => Ramp(p.Age, 20, 70, 0.03, 0.45) + (p.Has("obesity") ? 0.1 : 0),
            [new("259255", "Atorvastatin 80 MG Oral Tablet"), new("312961", "Simvastatin 20 MG Oral Tablet")], null),
        new("diabetes", new("44054006", "Diabetes"), new("E11.9", "Type 2 diabetes mellitus without complications"), 20,
            p => Ramp(p.Age, 20, 70, 0.02, 0.22) * (p.Has("obesity") ? 2.2 : 0.6),
            [new("860975", "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet")],
            new("698360004", "Diabetes self management plan")),
        new("prediabetes", new("15777000", "Prediabetes"), new("R73.03", "Prediabetes"), 18,
            p => p.Has("diabetes") ? 0 : Ramp(p.Age, 18, 65, 0.1, 0.35) + (p.Has("obesity") ? 0.1 : 0), [], null),
        new("ckd", new("433144002", "Chronic kidney disease stage 3 (disorder)"), new("N18.30", "Chronic kidney disease, stage 3 unspecified"), 40,
            p => Ramp(p.Age, 40, 85, 0.02, 0.2) + (p.Has("diabetes") ? 0.15 : 0) + (p.Has("hypertension") ? 0.07 : 0),
            [new("314076", "lisinopril 10 MG Oral Tablet")], null),
        new("cad", new("53741008", "Coronary Heart Disease"), new("I25.10", "Atherosclerotic heart disease of native coronary artery without angina pectoris"), 45,
            p => Ramp(p.Age, 45, 85, 0.02, 0.18) * (p.Male ? 1.5 : 0.8) + (p.Has("diabetes") ? 0.05 : 0),
            [new("243670", "Aspirin 81 MG Oral Tablet"), new("309362", "Clopidogrel 75 MG Oral Tablet"), new("705129", "Nitroglycerin 0.4 MG/ACTUAT Mucosal Spray")], null),
        new("afib", new("49436004", "Atrial fibrillation (disorder)"), new("I48.91", "Unspecified atrial fibrillation"), 55,
            p => Ramp(p.Age, 55, 90, 0.01, 0.12), [new("855332", "Warfarin Sodium 5 MG Oral Tablet")], null),
        new("asthma", new("195967001", "Asthma"), new("J45.909", "Unspecified asthma, uncomplicated"), 2,
            p => 0.08,
            [new("895994", "120 ACTUAT Fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler"), new("745679", "200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler")],
            new("699728000", "Asthma self management")),
        new("copd", new("13645005", "Chronic obstructive lung disease (disorder)"), new("J44.9", "Chronic obstructive pulmonary disease, unspecified"), 40,
            p => Ramp(p.Age, 40, 80, 0.01, 0.1) * (p.Smoker ? 3 : 0.5),
            [new("896209", "60 ACTUAT Fluticasone propionate 0.25 MG/ACTUAT / salmeterol 0.05 MG/ACTUAT Dry Powder Inhaler"), new("745679", "200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler")],
            null),
        new("depression", new("370143000", "Major depression disorder"), new("F32.9", "Major depressive disorder, single episode, unspecified"), 12,
            p => p.Male ? 0.06 : 0.11, [new("312938", "Sertraline 100 MG Oral Tablet")], null),
        new("breast-cancer", new("254837009", "Malignant neoplasm of breast (disorder)"), new("C50.919", "Malignant neoplasm of unspecified site of unspecified female breast"), 35,
            p => p.Male ? 0 : Ramp(p.Age, 35, 80, 0.003, 0.05), [new("198240", "Tamoxifen 10 MG Oral Tablet")], null),
        new("prostate-cancer", new("126906006", "Neoplasm of prostate"), new("C61", "Malignant neoplasm of prostate"), 50,
            p => p.Male ? Ramp(p.Age, 50, 85, 0.01, 0.1) : 0, [], null),
        new("lung-cancer", new("254637007", "Non-small cell lung cancer (disorder)"), new("C34.90", "Malignant neoplasm of unspecified part of unspecified bronchus or lung"), 45,
            p => Ramp(p.Age, 45, 85, 0.001, 0.02) * (p.Smoker ? 4 : 0.5), [], null),
        new("colon-cancer", new("363406005", "Malignant tumor of colon"), new("C18.9", "Malignant neoplasm of colon, unspecified"), 45,
            p => Ramp(p.Age, 45, 85, 0.002, 0.02), [], null),
    ];

    public static readonly (Coding Condition, Coding Medication)[] AcuteIllnesses =
    [
        (new("444814009", "Viral sinusitis (disorder)"), new("313782", "Acetaminophen 325 MG Oral Tablet")),
        (new("195662009", "Acute viral pharyngitis (disorder)"), new("313782", "Acetaminophen 325 MG Oral Tablet")),
        (new("10509002", "Acute bronchitis (disorder)"), new("310965", "Ibuprofen 200 MG Oral Tablet")),
        (new("43878008", "Streptococcal sore throat (disorder)"), new("834102", "Penicillin V Potassium 500 MG Oral Tablet")),
        (new("65363002", "Otitis media"), new("308182", "Amoxicillin 250 MG Oral Capsule")),
        (new("38822007", "Cystitis"), new("311989", "Nitrofurantoin 5 MG/ML Oral Suspension")),
    ];

    public static readonly Coding WellnessVisit = new("162673000", "General examination of patient (procedure)");
    public static readonly Coding SickVisit = new("185345009", "Encounter for symptom (procedure)");
    public static readonly Coding ChronicVisit = new("390906007", "Follow-up encounter (procedure)");

    public static readonly Coding MedicationReview = new("428191000124101", "Documentation of current medications");
    public static readonly Coding Colonoscopy = new("73761001", "Colonoscopy");
    public static readonly Coding DepressionScreening = new("171207006", "Depression screening");
    public static readonly Coding RespiratoryFunction = new("23426006", "Measurement of respiratory function (procedure)");

    public static readonly Coding Flu = new("140", "Influenza, seasonal, injectable, preservative free");
    public static readonly Coding Td = new("113", "Td (adult) preservative free");
    public static readonly Coding Zoster = new("121", "zoster");
    public static readonly Coding Pneumococcal = new("133", "Pneumococcal conjugate PCV 13");
    public static readonly Coding[] ChildVaccines =
        [new("08", "Hep B, adolescent or pediatric"), new("20", "DTaP"), new("10", "IPV"), new("03", "MMR"), new("21", "varicella"), new("49", "Hib (PRP-OMP)")];

    public static readonly (Coding Allergy, string Category)[] Allergies =
    [
        (new("232347008", "Dander (animal) allergy"), "environment"), (new("419263009", "Allergy to tree pollen"), "environment"),
        (new("420174000", "Allergy to wheat"), "food"), (new("91934008", "Allergy to nut"), "food"),
        (new("419474003", "Allergy to mould"), "environment"), (new("418689008", "Allergy to grass pollen"), "environment"),
        (new("417532002", "Allergy to fish"), "food"), (new("91930004", "Allergy to eggs"), "food"),
        (new("232350006", "House dust mite allergy"), "environment"), (new("424213003", "Allergy to bee venom"), "environment"),
    ];

    public static readonly Coding LipidPanel = new("57698-3", "Lipid Panel");
    public static readonly Coding MetabolicPanel = new("51990-0", "Basic Metabolic Panel");

    public static readonly Coding NeverSmoker = new("266919005", "Never smoker");
    public static readonly Coding ExSmoker = new("8517006", "Ex-smoker (finding)");
    public static readonly Coding CurrentSmoker = new("449868002", "Smokes tobacco daily (finding)");

    /// <summary>Rises linearly from <paramref name="low"/> at age <paramref name="from"/> to <paramref name="high"/> at <paramref name="to"/>.</summary>
    private static double Ramp(int age, int from, int to, double low, double high) =>
        age <= from ? low : age >= to ? high : low + (high - low) * (age - from) / (to - from);
}
