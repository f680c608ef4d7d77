using EmrMarket.Fhir.Synthetic;

namespace EmrMarket.Testing;

/// <summary>
/// The FHIR bundles the corpus tests read: the real Synthea bundles in the folder EMR_SYNTHEA_DIR names
/// (scripts/test.sh sets it; read in place, never copied), or, on a machine without them, 40 bundles from our
/// own generator, so the same checks still run. A set but unreadable EMR_SYNTHEA_DIR is a failure, not a skip.
/// </summary>
public static class FhirCorpus
{
    private static readonly Lazy<Task<string>> Folder = new(FindAsync);

    public static Task<string> FolderAsync() => Folder.Value;

    public static bool IsSynthea => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("EMR_SYNTHEA_DIR"));

    public static async Task<IReadOnlyList<string>> FilesAsync() =>
        Directory.GetFiles(await FolderAsync(), "*.json").Order(StringComparer.Ordinal).ToList();

    private static async Task<string> FindAsync()
    {
        var synthea = Environment.GetEnvironmentVariable("EMR_SYNTHEA_DIR");
        if (!string.IsNullOrEmpty(synthea))
        {
            if (!Directory.Exists(synthea) || Directory.GetFiles(synthea, "*.json").Length == 0)
                throw new InvalidOperationException($"EMR_SYNTHEA_DIR is set to '{synthea}', but that folder cannot be read or holds no .json bundles");
            return synthea;
        }
        var generated = Path.Combine(Path.GetTempPath(), "emr-generated-corpus-seed-40");
        if (!Directory.Exists(generated) || Directory.GetFiles(generated, "*.json").Length != 40)
        {
            var scratch = generated + "." + Guid.NewGuid().ToString("N");
            await SyntheticGenerator.WriteAsync(scratch, new SyntheticOptions { Seed = 40, Patients = 40 });
            if (Directory.Exists(generated)) Directory.Delete(generated, recursive: true);
            Directory.Move(scratch, generated);
        }
        return generated;
    }
}
