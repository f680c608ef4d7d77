namespace EmrMarket.Fhir.Synthetic.Internal;

/// <summary>What the simulation decided about one patient before writing any resource.</summary>
internal sealed class PatientProfile
{
    public required Guid Id { get; init; }
    public required bool Male { get; init; }
    public required DateOnly BirthDate { get; init; }
    public required int Age { get; init; }
    public required Coding Race { get; init; }
    public required bool Hispanic { get; init; }
    public required bool Smoker { get; init; }
    public required string Given { get; init; }
    public required string Family { get; init; }
    public required (string Zip3, string State, string City) Area { get; init; }
    public required string Zip { get; init; }
    public required string Street { get; init; }
    public required string Phone { get; init; }
    public required string Mrn { get; init; }
    public required string Ssn { get; init; }
    public string? DriversLicense { get; init; }
    public string? Passport { get; init; }
    public Dictionary<string, DateOnly> Conditions { get; } = new(StringComparer.Ordinal);

    public bool Has(string condition) => Conditions.ContainsKey(condition);
}
