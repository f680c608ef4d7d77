namespace EmrMarket.Core.Consent;

/// <summary>
/// The research purposes a patient consents to and an offer is licensed for: a uint64 bitmask on chain, mirroring
/// contracts/src/libraries/Purposes.sol bit for bit (a test compares them). <see cref="Purposes"/> has the
/// explanations the UI shows.
/// </summary>
[Flags]
public enum Purpose : ulong
{
    None = 0,
    AcademicResearch = 1 << 0,
    CommercialResearch = 1 << 1,
    ClinicalTrials = 1 << 2,
    GeneticStudies = 1 << 3,
    PublicHealth = 1 << 4,
    AiTraining = 1 << 5,
}
