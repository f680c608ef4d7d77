namespace EmrMarket.Deid.Identifiers;

/// <summary>
/// The eighteen kinds of identifier that HIPAA's Safe Harbor method removes, 45 CFR
/// 164.514(b)(2)(i)(A)–(R). Paragraph (B) is split into ZIP codes, which may survive as three
/// digits, and every other geographic subdivision; paragraph (C) into dates and ages.
/// </summary>
public enum IdentifierKind
{
    /// <summary>Not an identifier.</summary>
    None,

    /// <summary>(A) Names.</summary>
    Name,

    /// <summary>(B) Geographic subdivisions smaller than a state other than the ZIP code: street address, city, county, precinct, geocodes. Removed.</summary>
    GeographicSubdivision,

    /// <summary>(B) ZIP codes: kept as their first three digits, or 000 for the restricted three-digit areas.</summary>
    ZipCode,

    /// <summary>(C) All elements of dates, except the year, directly related to an individual (birth, admission, discharge, death).</summary>
    Date,

    /// <summary>(C) Ages: those over 89 are pooled into a single category, 90 or older.</summary>
    Age,

    /// <summary>(D) Telephone numbers.</summary>
    Telephone,

    /// <summary>(E) Fax numbers.</summary>
    Fax,

    /// <summary>(F) Electronic mail addresses.</summary>
    Email,

    /// <summary>(G) Social security numbers.</summary>
    SocialSecurityNumber,

    /// <summary>(H) Medical record numbers.</summary>
    MedicalRecordNumber,

    /// <summary>(I) Health plan beneficiary numbers.</summary>
    HealthPlanBeneficiaryNumber,

    /// <summary>(J) Account numbers.</summary>
    AccountNumber,

    /// <summary>(K) Certificate and license numbers.</summary>
    CertificateOrLicenseNumber,

    /// <summary>(L) Vehicle identifiers and serial numbers, including license plate numbers.</summary>
    VehicleIdentifier,

    /// <summary>(M) Device identifiers and serial numbers.</summary>
    DeviceIdentifier,

    /// <summary>(N) Web universal resource locators (URLs).</summary>
    Url,

    /// <summary>(O) Internet protocol (IP) address numbers.</summary>
    IpAddress,

    /// <summary>(P) Biometric identifiers, including finger and voice prints.</summary>
    BiometricIdentifier,

    /// <summary>(Q) Full-face photographic images and any comparable images.</summary>
    FacePhotograph,

    /// <summary>(R) Any other unique identifying number, characteristic, or code.</summary>
    OtherUniqueIdentifier,
}
