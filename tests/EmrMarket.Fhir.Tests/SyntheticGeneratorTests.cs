using System.Security.Cryptography;
using EmrMarket.Fhir.Model;
using EmrMarket.Fhir.Synthetic;

namespace EmrMarket.Fhir.Tests;

public sealed class SyntheticGeneratorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"emr-gen-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static string Digest(string folder) => Convert.ToHexString(SHA256.HashData(
        Directory.GetFiles(folder).Order(StringComparer.Ordinal).SelectMany(File.ReadAllBytes).ToArray()));

    [Fact]
    public async Task WriteAsync_SameSeed_WritesTheSameBytes()
    {
        await SyntheticGenerator.WriteAsync(Path.Combine(_folder, "a"), new SyntheticOptions { Seed = 3, Patients = 5 });
        await SyntheticGenerator.WriteAsync(Path.Combine(_folder, "b"), new SyntheticOptions { Seed = 3, Patients = 5 });
        await SyntheticGenerator.WriteAsync(Path.Combine(_folder, "c"), new SyntheticOptions { Seed = 4, Patients = 5 });

        Assert.Equal(Digest(Path.Combine(_folder, "a")), Digest(Path.Combine(_folder, "b")));
        Assert.NotEqual(Digest(Path.Combine(_folder, "a")), Digest(Path.Combine(_folder, "c")));
    }

    [Fact]
    public async Task WriteAsync_TargetBytes_StopsJustPastIt()
    {
        var result = await SyntheticGenerator.WriteAsync(_folder, new SyntheticOptions { Seed = 1, TargetBytes = 2_000_000 });

        Assert.InRange(result.Bytes, 2_000_000, 3_000_000);
        Assert.Equal(result.Bytes, Directory.GetFiles(_folder).Sum(f => new FileInfo(f).Length));
    }

    [Fact]
    public async Task WriteAsync_Population_IsPlausible()
    {
        await SyntheticGenerator.WriteAsync(_folder, new SyntheticOptions { Seed = 11, Patients = 400 });
        var patients = new List<PatientDemographics>();
        var diabeticA1c = new List<double>();
        var otherA1c = new List<double>();
        var metforminWithoutDiabetes = 0;
        foreach (var file in Directory.GetFiles(_folder))
        {
            await using var stream = File.OpenRead(file);
            var entries = new List<FhirEntry>();
            await foreach (var entry in new FhirUnitReader(stream, file, FhirFormat.Bundle).ReadAsync()) entries.Add(entry);
            patients.Add(((PatientFacts)entries.Single(e => e.Resource.Facts is PatientFacts).Resource.Facts!).Demographics);
            var diabetic = entries.Any(e => e.Resource.Facts is ConditionFacts c && c.Code.Any(k => k.Code == "44054006"));
            var a1c = entries.Select(e => e.Resource.Facts).OfType<ObservationFacts>().Where(o => o.Code[0].Code == "4548-4").Select(o => o.Value.Quantity!.Value);
            (diabetic ? diabeticA1c : otherA1c).AddRange(a1c);
            if (!diabetic && entries.Any(e => e.Resource.Facts is MedicationRequestFacts m && m.Medication[0].Code == "860975")) metforminWithoutDiabetes++;
        }

        Assert.InRange(patients.Count(p => p.Gender == "female") / 400.0, 0.42, 0.60);
        Assert.InRange(patients.Count(p => p.Race?.Code == "2106-3") / 400.0, 0.52, 0.71);
        Assert.InRange(patients.Count(p => p.Ethnicity?.Code == "2135-2") / 400.0, 0.12, 0.26);
        Assert.Contains(patients, p => p.PostalCodePrefix is "036" or "059" or "063" or "102" or "203" or "556" or "692" or "790" or "821" or "823" or "830" or "831" or "878" or "879" or "884" or "890" or "893");
        Assert.True(diabeticA1c.Count > 20 && otherA1c.Count > 20, $"{diabeticA1c.Count} diabetic and {otherA1c.Count} other HbA1c results");
        Assert.True(diabeticA1c.Average() > 6.5 && otherA1c.Average() < 6.0, $"HbA1c {diabeticA1c.Average():0.0} vs {otherA1c.Average():0.0}");
        Assert.Equal(0, metforminWithoutDiabetes);
        Assert.All(patients, p => Assert.NotNull(p.BirthYear));
    }
}
