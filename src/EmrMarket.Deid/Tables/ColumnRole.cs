namespace EmrMarket.Deid.Tables;

/// <summary>
/// What a column is to the privacy model, in the vocabulary of ARX and of the de-identification
/// literature (Sweeney 2002): identifiers are removed, quasi-identifiers are generalized, sensitive
/// attributes are protected by l-diversity and insensitive ones pass through.
/// </summary>
public enum ColumnRole
{
    /// <summary>Identifies a person on its own (45 CFR 164.514(b)(2)(i)); never in the output, except as a pseudonym.</summary>
    DirectIdentifier,

    /// <summary>Identifies a person in combination with other columns (age, ZIP, dates…); generalized to reach k-anonymity.</summary>
    QuasiIdentifier,

    /// <summary>The information a buyer studies and an attacker would like to learn (a diagnosis); protected by l-diversity.</summary>
    Sensitive,

    /// <summary>Neither identifying nor sensitive; copied as it is.</summary>
    Insensitive,
}
