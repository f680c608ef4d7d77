namespace EmrMarket.Core.Patients;

/// <summary>What the platform holds about one patient account: per provider, records by kind.</summary>
public sealed record PatientHoldings(string? Name, IReadOnlyList<ProviderHoldings> Providers)
{
    public int TotalRecords => Providers.Sum(p => p.Counts.Values.Sum());

    public DateTimeOffset? LastUpdate => Providers.Count == 0 ? null : Providers.Max(p => p.LastUpdate);
}

/// <summary>The records one provider sent about the patient (current versions), by FHIR resource type.</summary>
public sealed record ProviderHoldings(string ProviderName, IReadOnlyDictionary<string, int> Counts, DateTimeOffset LastUpdate);
