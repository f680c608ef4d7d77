namespace EmrMarket.Fhir.Canonical;

/// <summary>JSON that has no canonical form: not well formed, not UTF-8, or outside I-JSON (RFC 7493).</summary>
public sealed class CanonicalJsonException(string message, Exception? inner = null) : Exception(message, inner);
