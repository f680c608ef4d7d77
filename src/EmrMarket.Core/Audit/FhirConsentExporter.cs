using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmrMarket.Core.Consent;

namespace EmrMarket.Core.Audit;

/// <summary>
/// Consent changes as FHIR R4 Consent resources (hl7.org/fhir/R4/consent.html) in a Bundle of type collection: one
/// Consent per patient and version. The patient is named only by their pseudonymous key (wallet, as a CAIP-10 account
/// id); no PHI. Mapping (docs/marketplace.md, "Audit"):
/// status active, or inactive once superseded by the patient's next change or expired; scope research; category
/// consentcategorycodes#rsdid (de-identified information access) and LOINC 59284-0; policyRule v3-ActCode#OPTIN (nothing
/// is permitted unless a provision permits it); provision.period = the change's block time to the expiry; one nested
/// provision per defined purpose, permit or deny, its purpose coded in HL7 v3 PurposeOfUse where a code fits and always
/// in our own purpose code system; identifier = the ConsentChanged event; sourceReference = its transaction.
/// </summary>
public sealed class FhirConsentExporter(string systemBase, ulong chainId)
{
    public const string ScopeSystem = "http://terminology.hl7.org/CodeSystem/consentscope";
    public const string CategorySystem = "http://terminology.hl7.org/CodeSystem/consentcategorycodes";
    public const string LoincSystem = "http://loinc.org";
    public const string ActCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string PurposeOfUseSystem = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /// <summary>Our purposes in HL7 v3 PurposeOfUse (R4's value set), where one fits; AI training has no such code.</summary>
    public static IReadOnlyDictionary<Purpose, (string Code, string Display)> PurposeOfUse { get; } = new Dictionary<Purpose, (string, string)>
    {
        [Purpose.AcademicResearch] = ("HRESCH", "healthcare research"),
        [Purpose.CommercialResearch] = ("HRESCH", "healthcare research"),
        [Purpose.ClinicalTrials] = ("CLINTRCH", "clinical trial research"),
        [Purpose.GeneticStudies] = ("HRESCH", "healthcare research"),
        [Purpose.PublicHealth] = ("PUBHLTH", "public health"),
    };

    private readonly string _base = systemBase.TrimEnd('/');

    public string WalletSystem => $"{_base}/sid/wallet";

    public string EventSystem => $"{_base}/sid/consent-event";

    public string TransactionSystem => $"{_base}/sid/transaction";

    public string PurposeSystem => $"{_base}/CodeSystem/purpose";

    /// <summary>The Bundle: the given versions in order, statuses as of <paramref name="asOf"/>.</summary>
    public JsonObject Bundle(IEnumerable<ConsentTrailEntry> versions, DateTimeOffset asOf, DateTimeOffset timestamp)
    {
        var entries = new JsonArray();
        foreach (var version in versions)
        {
            var consent = Consent(version, asOf);
            entries.Add(new JsonObject { ["fullUrl"] = $"urn:uuid:{consent["id"]}", ["resource"] = consent });
        }
        return new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["id"] = Guid.NewGuid().ToString(),
            ["type"] = "collection",
            ["timestamp"] = Instant(timestamp),
            ["entry"] = entries,
        };
    }

    /// <summary>One version of one patient's consent.</summary>
    public JsonObject Consent(ConsentTrailEntry version, DateTimeOffset asOf)
    {
        var expired = version.Expiry != 0 && version.Expiry <= (ulong)Math.Max(0, asOf.ToUnixTimeSeconds());
        var tx = version.At.TransactionHash.ToString();
        var period = new JsonObject { ["start"] = Instant(version.At.BlockTime) };
        if (version.Expiry != 0) period["end"] = Instant(DateTimeOffset.FromUnixTimeSeconds((long)version.Expiry));
        var provisions = new JsonArray();
        foreach (var purpose in Purposes.Defined)
        {
            provisions.Add(new JsonObject
            {
                ["type"] = (version.Purposes & purpose.Purpose) != 0 ? "permit" : "deny",
                ["purpose"] = PurposeCodings(purpose),
            });
        }
        return new JsonObject
        {
            ["resourceType"] = "Consent",
            ["id"] = ResourceId(tx, version.At.LogIndex),
            ["identifier"] = new JsonArray(Identifier(EventSystem, $"eip155:{chainId}:{tx}:{version.At.LogIndex.ToString(CultureInfo.InvariantCulture)}")),
            ["status"] = version.SupersededAt is not null || expired ? "inactive" : "active",
            ["scope"] = Concept(Coding(ScopeSystem, "research", "Research")),
            ["category"] = new JsonArray(
                Concept(Coding(CategorySystem, "rsdid", "De-identified Information Access")),
                Concept(Coding(LoincSystem, "59284-0", "Patient Consent"))),
            ["patient"] = PatientReference(version),
            ["dateTime"] = Instant(version.At.BlockTime),
            ["performer"] = new JsonArray(PatientReference(version)),
            ["sourceReference"] = new JsonObject
            {
                ["identifier"] = Identifier(TransactionSystem, $"eip155:{chainId}:{tx}"),
                ["display"] = $"ConsentRegistry ConsentChanged (version {version.Version.ToString(CultureInfo.InvariantCulture)}) in block {version.At.BlockNumber.ToString(CultureInfo.InvariantCulture)}",
            },
            ["policyRule"] = Concept(Coding(ActCodeSystem, "OPTIN", "opt-in")),
            ["provision"] = new JsonObject { ["period"] = period, ["provision"] = provisions },
        };
    }

    /// <summary>Writes the Bundle as UTF-8 JSON.</summary>
    public static async Task WriteAsync(Stream output, FhirConsentExporter exporter, IEnumerable<ConsentTrailEntry> versions, DateTimeOffset asOf,
        DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        exporter.Bundle(versions, asOf, timestamp).WriteTo(writer);
        await writer.FlushAsync(cancellationToken);
    }

    private JsonArray PurposeCodings(PurposeInfo purpose)
    {
        var codings = new JsonArray();
        if (PurposeOfUse.TryGetValue(purpose.Purpose, out var v3)) codings.Add(Coding(PurposeOfUseSystem, v3.Code, v3.Display));
        codings.Add(Coding(PurposeSystem, purpose.SolidityName, purpose.Name));
        return codings;
    }

    private JsonObject PatientReference(ConsentTrailEntry version) => new()
    {
        ["identifier"] = Identifier(WalletSystem, $"eip155:{chainId}:{PatientKey.Of(version.Patient)}"),
    };

    /// <summary>A stable id per event (a FHIR id: 64 characters at most): a UUID from SHA-256 of the chain, transaction and log index.</summary>
    private string ResourceId(string tx, int logIndex)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"emrmarket/fhir-consent/v1\0{chainId}:{tx}:{logIndex}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    private static JsonObject Identifier(string system, string value) => new() { ["system"] = system, ["value"] = value };

    private static JsonObject Coding(string system, string code, string display) => new() { ["system"] = system, ["code"] = code, ["display"] = display };

    private static JsonObject Concept(JsonObject coding) => new() { ["coding"] = new JsonArray(coding) };

    private static string Instant(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
