namespace EmrMarket.Fhir.Model;

/// <summary>Code system URIs as FHIR R4 names them (terminology.hl7.org, "Using Codes in Resources" §4.2).</summary>
public static class CodeSystems
{
    /// <summary>SNOMED CT.</summary>
    public const string Snomed = "http://snomed.info/sct";

    /// <summary>LOINC.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>RxNorm.</summary>
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    /// <summary>CDC vaccine codes (CVX).</summary>
    public const string Cvx = "http://hl7.org/fhir/sid/cvx";

    /// <summary>ICD-10-CM.</summary>
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";

    /// <summary>UCUM units.</summary>
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>CDC Race and Ethnicity code set (OMB categories), as US Core uses it.</summary>
    public const string CdcRaceEthnicity = "urn:oid:2.16.840.1.113883.6.238";

    /// <summary>Returns the first coding from <paramref name="preferred"/> systems, else the first coding with a code.</summary>
    public static Coding? Pick(IReadOnlyList<Coding> codings, params ReadOnlySpan<string> preferred)
    {
        foreach (var system in preferred)
        {
            foreach (var coding in codings)
            {
                if (coding.System == system && coding.Code is not null) return coding;
            }
        }
        foreach (var coding in codings)
        {
            if (coding.Code is not null) return coding;
        }
        return null;
    }
}
