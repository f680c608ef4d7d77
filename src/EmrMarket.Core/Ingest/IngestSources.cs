using EmrMarket.Fhir;

namespace EmrMarket.Core.Ingest;

/// <summary>Turns the files and folders an operator names into sources, in a stable order.</summary>
public static class IngestSources
{
    /// <summary>
    /// Named files as they are; folders searched recursively for .json, .ndjson and .jsonl files, sorted by path.
    /// NDJSON files come after Bundles, ordered by resource type so that what a Bulk Data export's
    /// resources refer to (patients, encounters, conditions, observations) is stored before them.
    /// </summary>
    public static IReadOnlyList<IngestSource> FromPaths(IEnumerable<string> paths)
    {
        var files = new List<(string Path, FhirFormat Format)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Select(f => (Path: f, Format: FhirFormats.FromFileName(f)))
                    .Where(f => f.Format is not null)
                    .Select(f => (f.Path, f.Format!.Value))
                    .OrderBy(f => f.Path, StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add((path, FhirFormats.FromFileName(path) ?? FhirFormat.Bundle));
            }
            else
            {
                throw new FileNotFoundException($"no such file or folder: {path}", path);
            }
        }
        return files
            .Select((f, i) => (f.Path, f.Format, Rank: Rank(f), Order: i))
            .OrderBy(f => f.Rank).ThenBy(f => f.Order)
            .Select(f => IngestSource.FromFile(f.Path, f.Format))
            .ToList();
    }

    /// <summary>Bulk Data files in the order their references point: what is referred to comes first.</summary>
    private static readonly string[] NdjsonOrder =
    [
        "Patient", "Organization", "Practitioner", "PractitionerRole", "Location", "Encounter", "Condition", "Observation",
        "Procedure", "MedicationRequest", "Immunization", "AllergyIntolerance", "DiagnosticReport", "CarePlan",
    ];

    private static int Rank((string Path, FhirFormat Format) file)
    {
        if (file.Format == FhirFormat.Bundle) return 0;
        var type = Path.GetFileName(file.Path).Split('.')[0];
        var index = Array.IndexOf(NdjsonOrder, type);
        return 1 + (index < 0 ? NdjsonOrder.Length : index);
    }
}
