namespace EmrMarket.Fhir;

/// <summary>What is wrong with a FHIR input; each code has a stable kebab-case name for summaries.</summary>
public enum FhirErrorCode
{
    /// <summary>Not well-formed JSON (RFC 8259), including a truncated file.</summary>
    MalformedJson,

    /// <summary>Bytes that are not UTF-8 (RFC 8259 §8.1 requires UTF-8).</summary>
    InvalidUtf8,

    /// <summary>The top level is not a Bundle resource.</summary>
    NotABundle,

    /// <summary>A Bundle.type other than transaction, batch or collection.</summary>
    UnsupportedBundleType,

    /// <summary>A resource type outside the supported list.</summary>
    UnsupportedResourceType,

    /// <summary>An entry without a resource, a resource without resourceType, or an element of the wrong JSON type.</summary>
    MalformedResource,

    /// <summary>A resource with neither an id nor a urn:uuid fullUrl to stand for one.</summary>
    MissingId,

    /// <summary>The same resource type and id twice with different content.</summary>
    DuplicateResource,

    /// <summary>A reference to a resource that is neither in the unit nor stored.</summary>
    UnresolvedReference,

    /// <summary>A clinical resource whose subject or patient is missing, or names no Patient that exists.</summary>
    MissingPatient,

    /// <summary>A Bundle.entry.request method other than POST or PUT, or a conditional reference.</summary>
    UnsupportedRequest,

    /// <summary>An element value that does not parse (a date, a number).</summary>
    InvalidValue,

    /// <summary>A file or entry above the configured size limit.</summary>
    TooLarge,

    /// <summary>The file could not be read.</summary>
    Unreadable,
}
