namespace EmrMarket.Fhir.Model;

/// <summary>An observation's or component's value (FHIR R4 Observation.value[x]).</summary>
/// <param name="Kind">Which value type was given.</param>
/// <param name="Quantity">The amount, for <see cref="ObservationValueKind.Quantity"/>.</param>
/// <param name="Codes">The codings, for <see cref="ObservationValueKind.Coded"/>.</param>
/// <param name="Boolean">The value, for <see cref="ObservationValueKind.Boolean"/>.</param>
public sealed record ObservationValue(ObservationValueKind Kind, Quantity? Quantity, IReadOnlyList<Coding> Codes, bool? Boolean)
{
    /// <summary>No value.</summary>
    public static ObservationValue None { get; } = new(ObservationValueKind.None, null, [], null);
}
