namespace EmrMarket.Fhir.Model;

/// <summary>
/// The typed part of a resource that cohort building and de-identification need; one subtype per supported
/// clinical resource type. Everything else stays in the resource's canonical JSON.
/// </summary>
public abstract record ResourceFacts;
