using System.Text;
using System.Text.Json.Nodes;
using EmrMarket.Fhir.Synthetic;

namespace EmrMarket.Data.Tests;

/// <summary>A temporary folder of generated patient bundles ("good"), and files derived from them beside it.</summary>
public sealed class GeneratedBundles(ulong seed, int patients) : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"emr-ingest-{Guid.NewGuid():N}");

    public async Task InitializeAsync() =>
        await SyntheticGenerator.WriteAsync(Path.Combine(Folder, "good"), new SyntheticOptions { Seed = seed, Patients = patients });

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    public string Good(int i) => Path.Combine(Folder, "good", $"patient-{i:D6}.json");

    public JsonObject Load(int i) => JsonNode.Parse(File.ReadAllText(Good(i)))!.AsObject();

    public string Save(string folder, string name, JsonNode bundle) => Save(folder, name, Encoding.UTF8.GetBytes(bundle.ToJsonString()));

    public string Save(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
