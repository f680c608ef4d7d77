namespace EmrMarket.Fhir.Model;

/// <summary>A telephone number, e-mail address or other contact (FHIR R4 ContactPoint datatype).</summary>
/// <param name="System">ContactPoint.system (phone, email…).</param>
/// <param name="Value">ContactPoint.value.</param>
/// <param name="Use">ContactPoint.use (home, work, mobile…).</param>
public sealed record ContactPoint(string? System, string? Value, string? Use);
