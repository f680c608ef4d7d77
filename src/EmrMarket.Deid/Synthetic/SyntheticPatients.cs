using System.Globalization;
using EmrMarket.Deid.Hierarchies;
using EmrMarket.Deid.Identifiers;
using EmrMarket.Deid.Tables;

namespace EmrMarket.Deid.Synthetic;

/// <summary>
/// A deterministic, seeded generator of patient tables for tests, benchmarks and demos. Quasi-
/// identifiers follow plausible U.S. distributions — age (a population pyramid), sex, ZIP code
/// (Zipf-popular five-digit codes in real three-digit areas, some restricted), race, ethnicity,
/// admission date (ten years, fewer on weekends), marital status, education and payer, correlated
/// with age — with hierarchies of 3 to 5 levels. No value belongs to a real person.
/// </summary>
public static class SyntheticPatients
{
    /// <summary>The quasi-identifiers, in the order a generated table takes them.</summary>
    public static IReadOnlyList<string> QuasiIdentifierColumns { get; } =
        ["age", "sex", "zip", "race", "ethnicity", "admission_date", "marital_status", "education", "payer"];

    private static readonly string[] Sexes = ["F", "M", "U"];
    private static readonly string[] Races = ["White", "Black or African American", "Asian", "American Indian or Alaska Native", "Native Hawaiian or Other Pacific Islander", "Other", "Two or more races", "Unknown"];
    private static readonly string[] Ethnicities = ["Not Hispanic or Latino", "Hispanic or Latino", "Unknown"];
    private static readonly string[] Maritals = ["Married", "Never married", "Divorced", "Widowed", "Separated", "Unknown"];
    private static readonly string[] Educations = ["Less than 9th grade", "9th to 12th grade, no diploma", "High school graduate", "Some college, no degree", "Associate degree", "Bachelor's degree", "Graduate or professional degree", "Unknown"];
    private static readonly string[] Payers = ["Medicare", "Medicaid", "Private HMO", "Private PPO", "Self-pay", "Other government", "Unknown"];
    private static readonly string[] Diagnoses = ["I10", "E11.9", "E78.5", "J45.909", "F32.9", "M54.50", "J06.9", "K21.9", "N39.0", "I25.10", "J44.9", "F41.9", "E66.9", "G43.909", "M17.11", "I48.91", "N18.30", "R07.9", "J18.9", "K57.30", "C50.911", "C34.90", "O80", "S72.001A", "A41.9", "I50.9", "I63.9", "E03.9", "D64.9", "U07.1"];

    /// <summary>Generates a table.</summary>
    /// <param name="rows">Number of patients.</param>
    /// <param name="quasiIdentifiers">How many of <see cref="QuasiIdentifierColumns"/> to include (1 to 9), in that order.</param>
    /// <param name="seed">The seed; the same seed gives the same table.</param>
    /// <param name="identifiers">Include a patient id and a name column (direct identifiers).</param>
    public static SyntheticDataset Generate(int rows, int quasiIdentifiers = 8, ulong seed = 1, bool identifiers = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(quasiIdentifiers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quasiIdentifiers, QuasiIdentifierColumns.Count);
        var random = new Xoshiro256(seed);
        var zips = ZipCodes(random);
        var zipChoice = WeightedChoice.Zipf(zips.Length, 0.9);
        var firstDay = new DateOnly(2015, 1, 1);
        var days = Enumerable.Range(0, 3653).Select(d => firstDay.AddDays(d)).ToArray();
        var dayText = days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
        var dayChoice = new WeightedChoice(days.Select(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.7 : 1.0).ToArray());
        var ageText = Enumerable.Range(0, 106).Select(a => a.ToString(CultureInfo.InvariantCulture)).ToArray();
        var decadeChoice = new WeightedChoice([12, 13, 14, 13, 12, 13, 11, 7, 4, 1, 0.1]);
        var sexChoice = new WeightedChoice([0.51, 0.485, 0.005]);
        var raceChoice = new WeightedChoice([0.6, 0.13, 0.06, 0.01, 0.002, 0.1, 0.05, 0.048]);
        var ethnicityChoice = new WeightedChoice([0.78, 0.18, 0.04]);
        var adultMarital = new WeightedChoice([0.5, 0.28, 0.1, 0.06, 0.02, 0.04]);
        var elderMarital = new WeightedChoice([0.55, 0.05, 0.12, 0.25, 0.01, 0.02]);
        var adultEducation = new WeightedChoice([0.04, 0.07, 0.27, 0.19, 0.09, 0.2, 0.12, 0.02]);
        var childEducation = new WeightedChoice([0.8, 0.18, 0.01, 0.005, 0, 0, 0, 0.005]);
        var workingPayer = new WeightedChoice([0.03, 0.22, 0.3, 0.33, 0.07, 0.03, 0.02]);
        var elderPayer = new WeightedChoice([0.9, 0.04, 0.02, 0.02, 0.005, 0.01, 0.005]);
        var diagnosisChoice = WeightedChoice.Zipf(Diagnoses.Length, 1.1);
        var names = Names();

        var q = quasiIdentifiers;
        var columns = Enumerable.Range(0, q).Select(_ => new string?[rows]).ToArray();
        var diagnosis = new string?[rows];
        var stay = new string?[rows];
        var ids = identifiers ? new string?[rows] : null;
        var fullNames = identifiers ? new string?[rows] : null;
        for (var r = 0; r < rows; r++)
        {
            var age = Math.Min(105, decadeChoice.Next(random) * 10 + random.NextInt(10));
            string?[] values =
            [
                ageText[age],
                Sexes[sexChoice.Next(random)],
                zips[zipChoice.Next(random)],
                Races[raceChoice.Next(random)],
                Ethnicities[ethnicityChoice.Next(random)],
                dayText[dayChoice.Next(random)],
                age < 18 ? Maritals[1] : Maritals[(age >= 65 ? elderMarital : adultMarital).Next(random)],
                Educations[(age < 18 ? childEducation : adultEducation).Next(random)],
                Payers[(age >= 65 ? elderPayer : workingPayer).Next(random)],
            ];
            for (var c = 0; c < q; c++) columns[c][r] = values[c];
            diagnosis[r] = Diagnoses[diagnosisChoice.Next(random)];
            stay[r] = ageText[Math.Min(60, (int)(-Math.Log(1 - random.NextDouble()) * 4))];
            if (ids is not null)
            {
                ids[r] = string.Create(CultureInfo.InvariantCulture, $"pt-{seed:x}-{r:D8}");
                fullNames![r] = $"{names.First[random.NextInt(names.First.Length)]} {names.Last[random.NextInt(names.Last.Length)]}";
            }
        }

        var schema = new List<ColumnSchema>();
        var cells = new List<string?[]>();
        if (ids is not null)
        {
            schema.Add(new ColumnSchema("patient_id", ColumnRole.DirectIdentifier, ColumnType.String, IdentifierKind.OtherUniqueIdentifier));
            cells.Add(ids);
            schema.Add(new ColumnSchema("name", ColumnRole.DirectIdentifier, ColumnType.String, IdentifierKind.Name));
            cells.Add(fullNames!);
        }
        var hierarchies = Hierarchies();
        var policyColumns = new List<QuasiIdentifier>();
        for (var c = 0; c < q; c++)
        {
            var name = QuasiIdentifierColumns[c];
            var (type, kind) = name switch
            {
                "age" => (ColumnType.Integer, IdentifierKind.Age),
                "zip" => (ColumnType.String, IdentifierKind.ZipCode),
                "admission_date" => (ColumnType.Date, IdentifierKind.Date),
                _ => (ColumnType.String, IdentifierKind.None),
            };
            schema.Add(new ColumnSchema(name, ColumnRole.QuasiIdentifier, type, kind));
            cells.Add(columns[c]);
            var source = name switch
            {
                "age" => HierarchySource.Of(BuiltinHierarchy.Age),
                "zip" => HierarchySource.Of(BuiltinHierarchy.Zip),
                "admission_date" => HierarchySource.Of(BuiltinHierarchy.Date),
                _ => HierarchySource.Of(hierarchies[name], $"{name}.csv"),
            };
            policyColumns.Add(new QuasiIdentifier(name, source));
        }
        schema.Add(new ColumnSchema("diagnosis", ColumnRole.Sensitive));
        cells.Add(diagnosis);
        schema.Add(new ColumnSchema("length_of_stay", ColumnRole.Insensitive, ColumnType.Integer));
        cells.Add(stay);

        var used = hierarchies.Where(h => QuasiIdentifierColumns.Take(q).Contains(h.Key)).ToDictionary(h => h.Key, h => h.Value);
        return new SyntheticDataset(new Table(schema, cells), new DeidPolicy { QuasiIdentifiers = policyColumns, K = 5 }, used);
    }

    private static Dictionary<string, Hierarchy> Hierarchies() => new()
    {
        ["sex"] = Rows(("F", ["recorded"]), ("M", ["recorded"]), ("U", ["not recorded"])),
        ["race"] = Rows(
            ("White", ["White"]), ("Black or African American", ["Black"]), ("Asian", ["Asian or Pacific Islander"]),
            ("Native Hawaiian or Other Pacific Islander", ["Asian or Pacific Islander"]), ("American Indian or Alaska Native", ["Other or unknown"]),
            ("Other", ["Other or unknown"]), ("Two or more races", ["Other or unknown"]), ("Unknown", ["Other or unknown"])),
        ["ethnicity"] = Rows(("Not Hispanic or Latino", ["recorded"]), ("Hispanic or Latino", ["recorded"]), ("Unknown", ["not recorded"])),
        ["marital_status"] = Rows(
            ("Married", ["Married", "Ever married"]), ("Divorced", ["Previously married", "Ever married"]),
            ("Widowed", ["Previously married", "Ever married"]), ("Separated", ["Previously married", "Ever married"]),
            ("Never married", ["Never married", "Never married"]), ("Unknown", ["Unknown", "Unknown"])),
        ["education"] = Rows(
            ("Less than 9th grade", ["No diploma", "No college degree"]), ("9th to 12th grade, no diploma", ["No diploma", "No college degree"]),
            ("High school graduate", ["High school", "No college degree"]), ("Some college, no degree", ["Some college", "No college degree"]),
            ("Associate degree", ["Some college", "No college degree"]), ("Bachelor's degree", ["Bachelor's or higher", "College degree"]),
            ("Graduate or professional degree", ["Bachelor's or higher", "College degree"]), ("Unknown", ["Unknown", "Unknown"])),
        ["payer"] = Rows(
            ("Medicare", ["Public"]), ("Medicaid", ["Public"]), ("Other government", ["Public"]), ("Private HMO", ["Private"]),
            ("Private PPO", ["Private"]), ("Self-pay", ["Self-pay"]), ("Unknown", ["Unknown"])),
    };

    private static Hierarchy Rows(params (string Value, string[] Levels)[] rows) =>
        Hierarchy.FromRows(rows.Select(r => (IReadOnlyList<string>)[r.Value, .. r.Levels, "*"]).ToList());

    private static string[] ZipCodes(Xoshiro256 random)
    {
        var prefixes = Enumerable.Range(10, 990).Select(p => p.ToString("D3", CultureInfo.InvariantCulture))
            .Where(p => UsZipAreas.StateOf(p).Length == 2 && UsZipAreas.StateOf(p) is not ("AA" or "AE" or "AP" or "??") && !UsZipAreas.IsRestricted(p))
            .ToList();
        var chosen = new List<string>();
        for (var i = 0; i < 420; i++) chosen.Add(prefixes[random.NextInt(prefixes.Count)]);
        var zips = new List<string>();
        foreach (var prefix in chosen.Distinct())
        {
            var count = 2 + random.NextInt(9);
            for (var i = 0; i < count; i++) zips.Add(prefix + random.NextInt(100).ToString("D2", CultureInfo.InvariantCulture));
        }
        foreach (var prefix in UsZipAreas.RestrictedAreas.Order(StringComparer.Ordinal))
            zips.Add(prefix + random.NextInt(100).ToString("D2", CultureInfo.InvariantCulture));
        var distinct = zips.Distinct().ToArray();
        // Shuffle so popularity (Zipf rank) is unrelated to the prefix.
        for (var i = distinct.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (distinct[i], distinct[j]) = (distinct[j], distinct[i]);
        }
        return distinct;
    }

    private static (string[] First, string[] Last) Names() =>
    (
        ["Avery", "Jordan", "Riley", "Morgan", "Quinn", "Harper", "Rowan", "Emerson", "Finley", "Hayden", "Kendall", "Logan", "Parker", "Reese", "Sawyer", "Taylor"],
        ["Ashdown", "Brightwater", "Calloway", "Dunmore", "Everhart", "Fairbanks", "Galloway", "Hartwell", "Ingram", "Jessup", "Kingsley", "Lockhart", "Merriweather", "Northcott", "Oakley", "Pembrook"]
    );
}
