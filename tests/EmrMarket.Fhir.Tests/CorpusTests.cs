using System.Text;
using System.Text.Json;
using EmrMarket.Fhir.Canonical;
using EmrMarket.Testing;

namespace EmrMarket.Fhir.Tests;

/// <summary>The reader and the canonical form over the corpus (real Synthea bundles, or generated ones without them).</summary>
public sealed class CorpusTests
{
    [Fact]
    public async Task Canonicalize_EveryCorpusResource_MatchesNodeCanonicaliser()
    {
        var resources = new List<string>();
        foreach (var file in (await FhirCorpus.FilesAsync()).Take(10))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            // Raw JSON never holds a line break inside a string, so turning line breaks into spaces keeps one resource per line.
            resources.AddRange(document.RootElement.GetProperty("entry").EnumerateArray()
                .Select(e => e.GetProperty("resource").GetRawText().Replace('\n', ' ').Replace('\r', ' ')));
        }

        var expected = await NodeOracle.RunAsync("json", resources);

        var ours = resources.Select(r => Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(r), CanonicalNumbers.Ecmascript)));
        Assert.Equal(expected, ours);
    }

    [Fact]
    public async Task ReadAsync_EveryCorpusBundle_YieldsEachResourceOnceWithItsPatient()
    {
        foreach (var file in await FhirCorpus.FilesAsync())
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var expected = document.RootElement.GetProperty("entry").EnumerateArray()
                .Select(e => e.GetProperty("resource"))
                .Select(r => $"{r.GetProperty("resourceType").GetString()}/{r.GetProperty("id").GetString()}")
                .Order(StringComparer.Ordinal).ToList();
            await using var stream = File.OpenRead(file);

            var entries = new List<FhirEntry>();
            await foreach (var entry in new FhirUnitReader(stream, Path.GetFileName(file), FhirFormat.Bundle).ReadAsync()) entries.Add(entry);

            Assert.Equal(expected, entries.Select(e => e.Resource.Key.ToString()).Order(StringComparer.Ordinal));
            var patient = entries.Single(e => e.Resource.Key.Type == "Patient").Resource.Key;
            Assert.All(entries.Where(e => e.Resource.Facts is not null && e.Resource.Key.Type != "Patient"), e => Assert.Equal(patient, e.Patient!.Target));
        }
    }
}
