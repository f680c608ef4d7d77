using System.Text.Json;
using EmrMarket.Core.Datasets;
using EmrMarket.Data.Datasets;
using EmrMarket.Fhir.Synthetic;

namespace EmrMarket.Data.Tests.Datasets;

public sealed class CohortQueriesTests : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2026, 11, 21);
    private static readonly string[] Diabetes = ["44054006", "E11.9"];
    private readonly IngestHarness _harness = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("emr-cohort-").FullName;

    public async Task InitializeAsync()
    {
        await _harness.InitializeAsync();
        await SyntheticGenerator.WriteAsync(_folder, new SyntheticOptions { Seed = 99, Patients = 80 });
        await _harness.IngestAsync(_folder);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private CohortQueries Queries() => new(_harness.DataSource);

    [Fact]
    public async Task FindAsync_DiabetesWithHighHbA1c_MatchesAPlainWalkOfTheBundles()
    {
        var cohort = new CohortDefinition { ConditionCodes = Diabetes, Observations = [new ObservationThreshold("4548-4", Min: 6.5)] };

        var found = await Queries().FindAsync(cohort, AsOf, default);

        var expected = Walk().Count(p => p.Conditions.Overlaps(Diabetes) && p.HbA1c.Any(v => v >= 6.5));
        Assert.Equal(expected, found.Count);
        Assert.True(expected > 0, "the generated corpus should hold diabetics with a high HbA1c");
    }

    [Fact]
    public async Task FindAsync_AgeAndSex_MatchesAPlainWalkOfTheBundles()
    {
        var cohort = new CohortDefinition { MinAge = 40, MaxAge = 69, Sex = "female" };

        var found = await Queries().FindAsync(cohort, AsOf, default);

        var expected = Walk().Count(p => p.Gender == "female" && AsOf.Year - p.BirthYear is >= 40 and <= 69);
        Assert.Equal(expected, found.Count);
        Assert.All(found, m => Assert.Equal("female", m.Sex));
    }

    [Fact]
    public async Task FindAsync_NoCriteria_IsEveryPatient()
    {
        Assert.Equal(80, (await Queries().FindAsync(new CohortDefinition(), AsOf, default)).Count);
    }

    [Theory]
    [InlineData(50, 40, "minimum age 50 is above the maximum 40")]
    [InlineData(-1, null, "negative")]
    public async Task FindAsync_InvalidAges_ThrowsReadableMessage(int? min, int? max, string expected)
    {
        var error = await Assert.ThrowsAsync<DatasetException>(() => Queries().FindAsync(new CohortDefinition { MinAge = min, MaxAge = max }, AsOf, default));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "<11")]
    [InlineData(10, "<11")]
    [InlineData(11, "11")]
    public void SuppressedCount_SmallCells_AreHidden(int value, string shown)
    {
        Assert.Equal(shown, new SuppressedCount(value).ToString());
    }

    private sealed record WalkedPatient(string Gender, int BirthYear, HashSet<string> Conditions, List<double> HbA1c);

    // An independent reading of the generated bundles: plain JSON, not our FHIR reader.
    private IEnumerable<WalkedPatient> Walk()
    {
        foreach (var file in Directory.EnumerateFiles(_folder, "*.json"))
        {
            using var bundle = JsonDocument.Parse(File.ReadAllBytes(file));
            var patient = new WalkedPatient("", 0, [], []);
            foreach (var entry in bundle.RootElement.GetProperty("entry").EnumerateArray())
            {
                var resource = entry.GetProperty("resource");
                switch (resource.GetProperty("resourceType").GetString())
                {
                    case "Patient":
                        patient = patient with
                        {
                            Gender = resource.GetProperty("gender").GetString()!,
                            BirthYear = int.Parse(resource.GetProperty("birthDate").GetString()![..4], System.Globalization.CultureInfo.InvariantCulture),
                        };
                        break;
                    case "Condition":
                        foreach (var coding in resource.GetProperty("code").GetProperty("coding").EnumerateArray())
                            patient.Conditions.Add(coding.GetProperty("code").GetString()!);
                        break;
                    case "Observation" when resource.TryGetProperty("valueQuantity", out var quantity)
                                            && resource.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString() == "4548-4":
                        patient.HbA1c.Add(quantity.GetProperty("value").GetDouble());
                        break;
                }
            }
            yield return patient;
        }
    }
}
