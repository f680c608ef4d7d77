namespace EmrMarket.Fhir.Model;

/// <summary>A literal reference (FHIR R4 §2.3.0, Reference.reference) resolved to the resource it names.</summary>
/// <param name="Target">The resource it names.</param>
/// <param name="InUnit">True when the target is in the same Bundle or NDJSON file; false when only a resource
/// stored earlier for the same provider can satisfy it (a relative reference such as <c>Patient/123</c>).</param>
public sealed record ResolvedReference(ResourceKey Target, bool InUnit);
