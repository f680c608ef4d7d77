using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmrMarket.Core.Datasets.Packaging;

/// <summary>
/// manifest.json: what a dataset package holds and how to check it. Its Keccak-256 is the offer's manifest hash
/// on chain; the file hashes and the rows Merkle root inside it tie every byte of the CSV files to that hash.
/// </summary>
public sealed record PackageManifest
{
    public const string FileName = "manifest.json";
    public const int FormatVersion = 1;

    /// <summary>The leaf of the rows tree (OpenZeppelin StandardMerkleTree): table name, row number (from 0, after the header), SHA-256 of the row's CSV text.</summary>
    public static readonly IReadOnlyList<string> RowLeafEncoding = ["string", "uint256", "bytes32"];

    public int Format { get; init; } = FormatVersion;
    public required Guid DatasetId { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required ulong Purposes { get; init; }
    public required ulong ConsentBlock { get; init; }
    public required DateTimeOffset BuiltAt { get; init; }
    public required int PatientCount { get; init; }
    public required JsonNode Cohort { get; init; }
    public required JsonNode Policy { get; init; }
    public required JsonNode Privacy { get; init; }
    public required IReadOnlyList<PackageTable> Tables { get; init; }
    public required IReadOnlyList<PackageFile> Files { get; init; }
    public required string RowsRoot { get; init; }
    public IReadOnlyList<string> RowLeaf { get; init; } = RowLeafEncoding;
    public required string PayoutRoot { get; init; }
    public required string TotalWeight { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static PackageManifest Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<PackageManifest>(json, Json) ?? throw new InvalidDataException("manifest.json is empty");
}

public sealed record PackageTable(string Name, string File, string Description, long Rows, IReadOnlyList<DatasetColumn> Columns);

public sealed record PackageFile(string Path, long Bytes, string Sha256);
