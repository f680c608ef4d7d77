using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using EmrMarket.Ledger.Merkle;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Datasets.Packaging;

/// <summary>
/// Writes a dataset package: a zip of tables/*.csv, data-dictionary.md and manifest.json, byte-for-byte the
/// same for the same content (fixed entry order and timestamps), so its hashes can be recomputed anywhere.
/// </summary>
public static class PackageWriter
{
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<BuiltPackage> WriteAsync(string zipPath, PackageContent content, IReadOnlyList<DatasetTable> tables,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(zipPath))!);
        if (tables.Sum(t => t.Rows.Count) == 0) throw new InvalidOperationException("a dataset package needs at least one row");
        var temporary = zipPath + ".partial";
        var leaves = new List<IReadOnlyList<object?>>();
        var files = new List<PackageFile>();
        var described = new List<PackageTable>();
        PackageManifest manifest;
        byte[] manifestBytes;
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: false, Utf8))
        {
            foreach (var table in tables)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var path = $"tables/{table.Name}.csv";
                files.Add(WriteTable(zip, path, table, leaves));
                described.Add(new PackageTable(table.Name, path, table.Description, table.Rows.Count, table.Columns));
            }
            files.Add(WriteText(zip, "data-dictionary.md", DataDictionary.Render(content.Title, described)));
            manifest = new PackageManifest
            {
                DatasetId = content.DatasetId, Title = content.Title, Description = content.Description, Purposes = content.Purposes,
                ConsentBlock = content.ConsentBlock, BuiltAt = content.BuiltAt, PatientCount = content.PatientCount,
                Cohort = content.Cohort, Policy = content.Policy, Privacy = content.Privacy, Tables = described, Files = files,
                RowsRoot = StandardMerkleTree.Of(leaves, PackageManifest.RowLeafEncoding).Root.ToString(),
                PayoutRoot = content.PayoutRoot.ToString(), TotalWeight = content.TotalWeight.ToString(),
            };
            manifestBytes = manifest.ToBytes();
            WriteBytes(zip, PackageManifest.FileName, manifestBytes);
        }
        File.Move(temporary, zipPath, overwrite: true);
        return new BuiltPackage(zipPath, new FileInfo(zipPath).Length, manifest, Keccak256.Hash(manifestBytes), Hash32.Parse(manifest.RowsRoot));
    }

    /// <summary>SHA-256 of one row's CSV text: the third value of its rows-tree leaf.</summary>
    public static Hash32 RowHash(string rowText) => new(SHA256.HashData(Utf8.GetBytes(rowText)));

    private static PackageFile WriteTable(ZipArchive zip, string path, DatasetTable table, List<IReadOnlyList<object?>> leaves)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        using (var output = entry.Open())
        {
            void Line(string text)
            {
                var data = Utf8.GetBytes(text + "\n");
                hash.AppendData(data);
                output.Write(data);
                bytes += data.Length;
            }
            Line(Csv.FormatRow(table.Columns.Select(c => (string?)c.Name).ToArray()));
            for (var row = 0; row < table.Rows.Count; row++)
            {
                var text = Csv.FormatRow(table.Rows[row]);
                leaves.Add([table.Name, row, RowHash(text)]);
                Line(text);
            }
        }
        return new PackageFile(path, bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static PackageFile WriteText(ZipArchive zip, string path, string text) => WriteBytes(zip, path, Utf8.GetBytes(text));

    private static PackageFile WriteBytes(ZipArchive zip, string path, byte[] data)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using (var output = entry.Open()) output.Write(data);
        return new PackageFile(path, data.Length, Convert.ToHexStringLower(SHA256.HashData(data)));
    }
}
