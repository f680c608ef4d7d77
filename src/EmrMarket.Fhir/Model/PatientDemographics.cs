namespace EmrMarket.Fhir.Model;

/// <summary>
/// The quasi-identifiers cohort building and de-identification work with, each coarse enough to store in the
/// clear: a year rather than a date, the first three digits of a US ZIP code rather than the address.
/// </summary>
/// <param name="Gender">Patient.gender (administrative gender).</param>
/// <param name="BirthYear">The year of Patient.birthDate.</param>
/// <param name="BirthSex">The US Core birthsex extension's code (F, M, UNK).</param>
/// <param name="Race">The US Core race extension's first ombCategory coding.</param>
/// <param name="Ethnicity">The US Core ethnicity extension's first ombCategory coding.</param>
/// <param name="Deceased">Patient.deceasedBoolean, or true when deceasedDateTime is given.</param>
/// <param name="DeceasedYear">The year of Patient.deceasedDateTime.</param>
/// <param name="MaritalStatus">Patient.maritalStatus first code.</param>
/// <param name="Language">Patient.communication.language first code.</param>
/// <param name="State">The home address's state.</param>
/// <param name="PostalCodePrefix">The first three digits of the home address's US ZIP code.</param>
public sealed record PatientDemographics(
    string? Gender, int? BirthYear, string? BirthSex, Coding? Race, Coding? Ethnicity, bool? Deceased, int? DeceasedYear,
    string? MaritalStatus, string? Language, string? State, string? PostalCodePrefix);
