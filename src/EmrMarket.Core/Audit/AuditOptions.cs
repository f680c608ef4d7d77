namespace EmrMarket.Core.Audit;

/// <summary>Audit exports. Bound from the "Audit" section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// Base of the URIs that name our identifier systems and purpose codes in FHIR exports (docs/marketplace.md, "Audit"):
    /// <c>{base}/sid/wallet</c>, <c>{base}/sid/consent-event</c>, <c>{base}/sid/transaction</c>, <c>{base}/CodeSystem/purpose</c>.
    /// Set it to a URL the operator controls; the default is a reserved example domain.
    /// </summary>
    public string FhirSystemBase { get; set; } = "https://emrmarket.example/fhir";
}
