namespace EmrMarket.Fhir.Model;

/// <summary>Which Observation.value[x] (FHIR R4 Observation.value[x]) an observation or component carries.</summary>
public enum ObservationValueKind
{
    /// <summary>No value (e.g. a panel whose values are in components).</summary>
    None,

    /// <summary>valueQuantity, or valueInteger as a unitless quantity.</summary>
    Quantity,

    /// <summary>valueCodeableConcept.</summary>
    Coded,

    /// <summary>valueString: free text, kept only in the encrypted resource.</summary>
    Text,

    /// <summary>valueBoolean.</summary>
    Boolean,

    /// <summary>Any other type (Range, Ratio, SampledData, time, dateTime, Period).</summary>
    Other,
}
