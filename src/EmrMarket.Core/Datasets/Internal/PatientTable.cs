using System.Globalization;
using EmrMarket.Deid;
using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Identifiers;
using EmrMarket.Deid.Pseudonyms;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Core.Datasets.Internal;

/// <summary>
/// The patient-level table the privacy model is applied to: one row per patient record, the chosen
/// attributes as quasi-identifiers, the primary diagnosis as the sensitive attribute when l is set.
/// </summary>
internal static class PatientTable
{
    public const string Pid = "pid";

    public static AnonymizationResult Anonymize(ClinicalExtract extract, DatasetPolicy policy, DatasetSecret secret, int asOfYear,
        CancellationToken cancellationToken)
    {
        var schema = new List<ColumnSchema> { new(Pid, ColumnRole.DirectIdentifier) };
        var quasi = new List<QuasiIdentifier>();
        foreach (var name in DatasetPolicy.AllQuasiIdentifiers)
        {
            var isQuasi = policy.QuasiIdentifiers.Contains(name);
            schema.Add(new ColumnSchema(name, isQuasi ? ColumnRole.QuasiIdentifier : ColumnRole.Insensitive,
                name == "age" ? ColumnType.Integer : ColumnType.String, name == "age" ? IdentifierKind.Age : IdentifierKind.None));
            if (isQuasi) quasi.Add(new QuasiIdentifier(name, HierarchyFor(name, extract)));
        }
        var primary = PrimaryDiagnoses(extract);
        schema.Add(new ColumnSchema("primary_condition", policy.L is null ? ColumnRole.Insensitive : ColumnRole.Sensitive));

        var rows = extract.Patients.Select(p => (IReadOnlyList<string?>)
        [
            p.PatientId.ToString(),
            p.BirthYear is { } year ? (asOfYear - year).ToString(CultureInfo.InvariantCulture) : "*",
            p.Sex ?? "unknown", SafeZip3(p.Zip3), p.Race ?? "unknown", p.Ethnicity ?? "unknown", p.MaritalStatus ?? "unknown",
            primary.GetValueOrDefault(p.PatientId, "none"),
        ]).ToList();
        var table = Table.FromRows(schema, rows);
        var deid = new DeidPolicy
        {
            QuasiIdentifiers = quasi,
            K = policy.K,
            LDiversity = policy.L is { } l ? new LDiversity(l) : null,
            SuppressionLimit = policy.SuppressionLimit,
            Metric = policy.Metric switch
            {
                "entropy" => InformationLossMetric.NonUniformEntropy,
                "discernibility" => InformationLossMetric.Discernibility,
                _ => InformationLossMetric.Loss,
            },
            PseudonymColumn = Pid,
        };
        return Anonymizer.Run(table, deid, secret, null, cancellationToken);
    }

    /// <summary>Safe Harbor's ZIP rule on a stored ZIP3: restricted areas become 000.</summary>
    public static string SafeZip3(string? zip3) =>
        zip3 is null || zip3.Length != 3 ? "000" : UsZipAreas.IsRestricted(zip3) ? UsZipAreas.RestrictedCode : zip3;

    private static HierarchySource HierarchyFor(string column, ClinicalExtract extract) => column switch
    {
        "age" => HierarchySource.Of(BuiltinHierarchy.Age),
        // ZIP3 → state → *, from the records' own state; restricted areas span states and stay 000.
        "zip3" => HierarchySource.Of(Hierarchy.FromRows(extract.Patients
            .Select(p => (Zip: SafeZip3(p.Zip3), State: p.State ?? "unknown"))
            .GroupBy(z => z.Zip)
            .Select(g => (IReadOnlyList<string>)[g.Key, g.Key == UsZipAreas.RestrictedCode || g.Select(z => z.State).Distinct().Count() > 1 ? UsZipAreas.RestrictedCode : g.First().State, "*"])
            .ToList(), column), "ZIP3 → state → *"),
        _ => HierarchySource.Of(BuiltinHierarchy.Suppression),
    };

    private static Dictionary<Guid, string> PrimaryDiagnoses(ClinicalExtract extract) => extract.Conditions
        .Where(c => c.Code is not null)
        .GroupBy(c => c.PatientId)
        .ToDictionary(g => g.Key, g => g.GroupBy(c => c.Code!).OrderByDescending(c => c.Count()).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key);
}
