using System.Text.Json;

namespace EmrMarket.Core.Chain;

/// <summary>The contracts deployed on one chain: their addresses and the block they start at.</summary>
public sealed record Deployment(ulong ChainId, ulong StartBlock, IReadOnlyDictionary<string, string> Contracts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Reads a deployment file; null when it does not exist yet.</summary>
    public static async Task<Deployment?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return null;
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<Deployment>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"{path} is empty");
    }

    /// <summary>Writes the file atomically, so a reader never sees half of it.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this, Json), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
