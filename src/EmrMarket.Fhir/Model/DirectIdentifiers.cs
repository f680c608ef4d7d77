namespace EmrMarket.Fhir.Model;

/// <summary>
/// A patient's direct identifiers (HIPAA §164.514(b)(2)(i): names, addresses below the state, dates other than
/// the year, telephone and e-mail, SSN, MRN, licence numbers…). Storage keeps these only encrypted.
/// </summary>
/// <param name="Names">Patient.name.</param>
/// <param name="Addresses">Patient.address, with geolocation.</param>
/// <param name="Telecom">Patient.telecom.</param>
/// <param name="Identifiers">Patient.identifier.</param>
/// <param name="BirthDate">Patient.birthDate as written.</param>
/// <param name="DeceasedDateTime">Patient.deceasedDateTime as written.</param>
public sealed record DirectIdentifiers(
    IReadOnlyList<HumanName> Names, IReadOnlyList<Address> Addresses, IReadOnlyList<ContactPoint> Telecom,
    IReadOnlyList<PatientIdentifier> Identifiers, string? BirthDate, string? DeceasedDateTime);
