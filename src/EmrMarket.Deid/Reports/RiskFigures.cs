namespace EmrMarket.Deid.Reports;

/// <summary>
/// Re-identification risk of a table over its quasi-identifiers, in the three attacker models of
/// El Emam and Dankar (2008), "Protecting privacy using k-anonymity", JAMIA 15(5). With class sizes
/// f_j in the table and F_j in the population (estimated as f_j divided by the sampling fraction):
/// prosecutor risk max 1/f_j (the attacker knows the target is in the table), journalist risk
/// max 1/F_j (the attacker does not), marketer risk Σ f_j/F_j / n (the share re-identified by
/// matching everyone).
/// </summary>
/// <param name="Records">Records in the table (n).</param>
/// <param name="Classes">Equivalence classes.</param>
/// <param name="SmallestClass">The smallest class size.</param>
/// <param name="ProsecutorHighest">Highest prosecutor risk, 1 / smallest class.</param>
/// <param name="ProsecutorAverage">Average prosecutor risk over records: classes / records.</param>
/// <param name="JournalistHighest">Highest journalist risk, 1 / smallest population class.</param>
/// <param name="MarketerRisk">Expected share of records a marketer re-identifies.</param>
/// <param name="RecordsInClassesBelow2">Share of records in classes of size 1 (unique records).</param>
/// <param name="RecordsInClassesBelow5">Share of records in classes smaller than 5.</param>
/// <param name="RecordsInClassesBelow11">Share of records in classes smaller than 11.</param>
public sealed record RiskFigures(
    long Records,
    int Classes,
    int SmallestClass,
    double ProsecutorHighest,
    double ProsecutorAverage,
    double JournalistHighest,
    double MarketerRisk,
    double RecordsInClassesBelow2,
    double RecordsInClassesBelow5,
    double RecordsInClassesBelow11);
