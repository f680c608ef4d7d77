namespace EmrMarket.Core.Consent;

/// <summary>The defined purposes, with the words the UI uses for them.</summary>
public static class Purposes
{
    /// <summary>Every purpose defined so far (Purposes.ALL on chain).</summary>
    public const Purpose All = Purpose.AcademicResearch | Purpose.CommercialResearch | Purpose.ClinicalTrials | Purpose.GeneticStudies
        | Purpose.PublicHealth | Purpose.AiTraining;

    public static IReadOnlyList<PurposeInfo> Defined { get; } =
    [
        new(Purpose.AcademicResearch, "Academic research",
            "Non-commercial research at universities and public research institutes.", "ACADEMIC_RESEARCH"),
        new(Purpose.CommercialResearch, "Commercial research",
            "Research by companies, for example pharmaceutical or medical-device development.", "COMMERCIAL_RESEARCH"),
        new(Purpose.ClinicalTrials, "Clinical trials",
            "Design, feasibility and recruitment analyses for clinical trials.", "CLINICAL_TRIALS"),
        new(Purpose.GeneticStudies, "Genetic studies",
            "Studies that use genetic or genomic data.", "GENETIC_STUDIES"),
        new(Purpose.PublicHealth, "Public health",
            "Public-health surveillance and epidemiology.", "PUBLIC_HEALTH"),
        new(Purpose.AiTraining, "AI / ML training",
            "Training and evaluating artificial-intelligence and machine-learning models.", "AI_TRAINING"),
    ];

    /// <summary>Whether every bit is a defined purpose (the empty set included: it revokes everything).</summary>
    public static bool AreDefined(Purpose purposes) => (purposes & ~All) == 0;

    /// <summary>The defined purposes in a set, in bit order.</summary>
    public static IReadOnlyList<PurposeInfo> In(Purpose purposes) => Defined.Where(p => (purposes & p.Purpose) != 0).ToList();

    /// <summary>"Academic research, Public health", or "none".</summary>
    public static string Describe(Purpose purposes) =>
        purposes == Purpose.None ? "none" : string.Join(", ", In(purposes).Select(p => p.Name)) + (AreDefined(purposes) ? "" : ", undefined purposes");
}
