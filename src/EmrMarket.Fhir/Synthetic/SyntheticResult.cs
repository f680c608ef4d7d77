namespace EmrMarket.Fhir.Synthetic;

/// <summary>What was written.</summary>
/// <param name="Patients">Patients generated.</param>
/// <param name="Resources">Resources written (shared organizations and practitioners included).</param>
/// <param name="Bytes">Bytes written.</param>
/// <param name="Files">Files written.</param>
public sealed record SyntheticResult(int Patients, long Resources, long Bytes, int Files);
