namespace EmrMarket.Fhir.Synthetic;

/// <summary>What to generate: the seed decides every value, so the same options always give the same bytes.</summary>
public sealed record SyntheticOptions
{
    /// <summary>The seed; patient <c>i</c> depends only on the seed and <c>i</c>.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The generator's "today": histories end before it (fixed, so output does not change with the clock).</summary>
    public DateOnly Today { get; init; } = new(2025, 1, 1);

    /// <summary>One transaction Bundle per patient, or Bulk Data NDJSON files (one per resource type).</summary>
    public FhirFormat Format { get; init; } = FhirFormat.Bundle;

    /// <summary>How many patients; when null, generate until <see cref="TargetBytes"/> is reached.</summary>
    public int? Patients { get; init; }

    /// <summary>Stop once this many bytes are written (after the patient that crosses it).</summary>
    public long? TargetBytes { get; init; }

    /// <summary>Indented JSON as many exports are; compact by default.</summary>
    public bool Indented { get; init; }
}
