using EmrMarket.Fhir;

namespace EmrMarket.Core.Ingest;

/// <summary>Turns the files and folders an operator names into sources, in a stable order.</summary>
public static class IngestSources
{
    /// <summary>
    /// Named files as they are; folders searched recursively for .json, .ndjson and .jsonl files, sorted by path.
    /// NDJSON files come after Bundles, Patient files first, then Encounter files, since the other resources of a
    /// Bulk Data export refer to them.
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

    private static int Rank((string Path, FhirFormat Format) file)
    {
        if (file.Format == FhirFormat.Bundle) return 0;
        var name = Path.GetFileName(file.Path);
        return name.StartsWith("Patient", StringComparison.Ordinal) ? 1
            : name.StartsWith("Organization", StringComparison.Ordinal) || name.StartsWith("Practitioner", StringComparison.Ordinal) || name.StartsWith("Location", StringComparison.Ordinal) ? 2
            : name.StartsWith("Encounter", StringComparison.Ordinal) ? 3
            : 4;
    }
}
