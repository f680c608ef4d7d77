namespace EmrMarket.Fhir.Model;

/// <summary>A resource's identity on its source system: resource type and logical id (FHIR R4 §2.1.0.4 Resource.id).</summary>
/// <param name="Type">The resource type, e.g. <c>Patient</c>.</param>
/// <param name="Id">The logical id (FHIR id type: 1-64 of [A-Za-z0-9\-\.]).</param>
public readonly record struct ResourceKey(string Type, string Id)
{
    /// <summary>The relative reference form, <c>Type/id</c> (FHIR R4 §2.3.0 Literal references).</summary>
    public override string ToString() => $"{Type}/{Id}";
}
