using System.Text.Encodings.Web;
using System.Text.Json;
using EmrMarket.Fhir.Synthetic.Internal;

namespace EmrMarket.Fhir.Synthetic;

/// <summary>
/// Writes realistic synthetic FHIR R4 records at any scale, deterministically from a seed, streaming one patient
/// at a time: census-like age, sex, race and ethnicity; real ZIP3 areas (HIPAA-restricted ones included);
/// chronic conditions in SNOMED CT and ICD-10-CM whose risks follow age and each other; LOINC labs whose values
/// follow the conditions; RxNorm medications for them; CVX immunizations; procedures, allergies and care plans;
/// and names, addresses, telephone numbers, MRNs and SSNs (in the 999 range no real SSN uses) to encrypt.
/// </summary>
public static class SyntheticGenerator
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the patients into <paramref name="folder"/> (created if needed).</summary>
    public static async Task<SyntheticResult> WriteAsync(string folder, SyntheticOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Patients is null && options.TargetBytes is null)
            throw new ArgumentException("say how many patients or how many bytes to generate", nameof(options));
        Directory.CreateDirectory(folder);
        var json = Compact with { Indented = options.Indented };
        var pools = new Pools(options.Seed);
        return options.Format == FhirFormat.Bundle
            ? await WriteBundlesAsync(folder, options, json, pools, cancellationToken)
            : await WriteNdjsonAsync(folder, options, json, pools, cancellationToken);
    }

    private static bool Enough(SyntheticOptions options, int patients, long bytes) =>
        (options.Patients is { } p && patients >= p) || (options.TargetBytes is { } b && bytes >= b);

    private static async Task<SyntheticResult> WriteBundlesAsync(
        string folder, SyntheticOptions options, JsonWriterOptions json, Pools pools, CancellationToken cancellationToken)
    {
        long bytes = 0, resources = 0;
        var patients = 0;
        while (!Enough(options, patients, bytes))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(folder, $"patient-{patients:D6}.json");
            await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false))
            {
                await using var writer = new Utf8JsonWriter(stream, json);
                var resourceWriter = new ResourceWriter(true, _ => writer, _ => { });
                writer.WriteStartObject();
                writer.WriteString("resourceType", "Bundle");
                writer.WriteString("type", "transaction");
                writer.WriteStartArray("entry");
                new PatientSimulator(new Rng(options.Seed, (ulong)patients), options.Today, resourceWriter, pools).Write(withSharedResources: true);
                writer.WriteEndArray();
                writer.WriteEndObject();
                await writer.FlushAsync(cancellationToken);
                bytes += stream.Length;
                resources += resourceWriter.Resources;
            }
            patients++;
        }
        return new SyntheticResult(patients, resources, bytes, patients);
    }

    private static async Task<SyntheticResult> WriteNdjsonAsync(
        string folder, SyntheticOptions options, JsonWriterOptions json, Pools pools, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, (FileStream Stream, Utf8JsonWriter Writer)>(StringComparer.Ordinal);
        json = json with { Indented = false, SkipValidation = true };
        try
        {
            Utf8JsonWriter WriterFor(string type)
            {
                if (!files.TryGetValue(type, out var file))
                {
                    var stream = new FileStream(Path.Combine(folder, type + ".ndjson"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                    files[type] = file = (stream, new Utf8JsonWriter(stream, json));
                }
                return file.Writer;
            }
            void EndLine(string type)
            {
                var (stream, writer) = files[type];
                writer.Flush();
                stream.WriteByte((byte)'\n');
                writer.Reset(stream);
            }
            long Bytes() => files.Values.Sum(f => f.Stream.Length);

            var resources = new ResourceWriter(false, WriterFor, EndLine);
            foreach (var organization in pools.Organizations) pools.WriteOrganization(resources, organization);
            foreach (var practitioner in pools.Practitioners) pools.WritePractitioner(resources, practitioner);
            var patients = 0;
            while (!Enough(options, patients, Bytes()))
            {
                cancellationToken.ThrowIfCancellationRequested();
                new PatientSimulator(new Rng(options.Seed, (ulong)patients), options.Today, resources, pools).Write(withSharedResources: false);
                patients++;
            }
            return new SyntheticResult(patients, resources.Resources, Bytes(), files.Count);
        }
        finally
        {
            foreach (var (stream, writer) in files.Values)
            {
                await writer.DisposeAsync();
                await stream.DisposeAsync();
            }
        }
    }
}
