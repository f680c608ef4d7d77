namespace EmrMarket.Fhir.Canonical;

/// <summary>How <see cref="CanonicalJson"/> writes JSON numbers.</summary>
public enum CanonicalNumbers
{
    /// <summary>
    /// The number as written, with only its exponent normalised (<c>E</c> to <c>e</c>, no <c>+</c>, no leading
    /// zeros, no zero exponent). FHIR decimals carry their precision in their digits (FHIR R4 §2.24.0.1,
    /// "decimal": 1.50 is not 1.5), so the canonical form must not round or trim them.
    /// </summary>
    Preserve,

    /// <summary>
    /// RFC 8785 §3.2.2.3: parse as an IEEE 754 double and write it the way ECMAScript's Number.toString does.
    /// Lossy for decimals with more than 17 significant digits; offered for interoperability with JCS tools.
    /// </summary>
    Ecmascript,
}
