namespace EmrMarket.Fhir.Model;

/// <summary>How much of a FHIR date or dateTime was given (FHIR R4 §2.24.0.1, date and dateTime are partial).</summary>
public enum FhirDatePrecision
{
    /// <summary>YYYY.</summary>
    Year,

    /// <summary>YYYY-MM.</summary>
    Month,

    /// <summary>YYYY-MM-DD.</summary>
    Day,

    /// <summary>A full date and time with a time zone.</summary>
    Time,
}
