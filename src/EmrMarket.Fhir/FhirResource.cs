using EmrMarket.Fhir.Canonical;
using EmrMarket.Fhir.Model;

namespace EmrMarket.Fhir;

/// <summary>One resource as read: its identity, its canonical JSON and hash, and its typed facts.</summary>
/// <param name="Key">Resource type and logical id.</param>
/// <param name="Canonical">The canonical JSON (<see cref="CanonicalJson"/>) of the whole resource.</param>
/// <param name="Hash">SHA-256 of <paramref name="Canonical"/>.</param>
/// <param name="Facts">Typed facts for a <see cref="FhirResourceTypes.Clinical"/> type; null for a kept type.</param>
public sealed record FhirResource(ResourceKey Key, byte[] Canonical, ContentHash Hash, ResourceFacts? Facts);
