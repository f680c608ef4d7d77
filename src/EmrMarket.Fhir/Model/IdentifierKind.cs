namespace EmrMarket.Fhir.Model;

/// <summary>What a patient identifier is, from Identifier.type (v2 table 0203) or its system.</summary>
public enum IdentifierKind
{
    /// <summary>Any other identifier.</summary>
    Other,

    /// <summary>Medical record number (v2-0203 MR).</summary>
    MedicalRecordNumber,

    /// <summary>US Social Security number (v2-0203 SS, system http://hl7.org/fhir/sid/us-ssn).</summary>
    SocialSecurityNumber,

    /// <summary>Driver's licence number (v2-0203 DL).</summary>
    DriversLicense,

    /// <summary>Passport number (v2-0203 PPN).</summary>
    Passport,
}
