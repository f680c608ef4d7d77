using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using EmrMarket.Ledger.Merkle;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Datasets.Packaging;

/// <summary>
/// Re-derives a package's commitments from its bytes alone: the manifest's Keccak-256, every file's SHA-256,
/// and the rows Merkle root rebuilt from the CSV rows; then compares them with the manifest and the chain.
/// </summary>
public static class PackageVerifier
{
    public static async Task<PackageVerification> VerifyAsync(Stream package, OnChainCommitments? chain, CancellationToken cancellationToken)
    {
        var checks = new List<VerificationCheck>();
        using var zip = OpenZip(package, checks);
        if (zip is null) return new PackageVerification(checks);

        var manifestEntry = zip.GetEntry(PackageManifest.FileName);
        if (manifestEntry is null)
            return new PackageVerification([.. checks, new("manifest", false, "the package has no manifest.json")]);
        var manifestBytes = await ReadAllAsync(manifestEntry, cancellationToken);
        PackageManifest manifest;
        try
        {
            manifest = PackageManifest.Parse(manifestBytes);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            return new PackageVerification([new("manifest", false, $"manifest.json is not valid: {e.Message}")]);
        }
        var manifestHash = Keccak256.Hash(manifestBytes);
        if (chain is not null)
            checks.Add(Compare("manifest hash", manifestHash.ToString(), chain.ManifestHash.ToString(), "Keccak-256 of manifest.json", "the offer on chain"));

        foreach (var file in manifest.Files)
        {
            var entry = zip.GetEntry(file.Path);
            if (entry is null)
            {
                checks.Add(new($"file {file.Path}", false, "listed in the manifest but missing from the package"));
                continue;
            }
            var sha = Convert.ToHexStringLower(SHA256.HashData(await ReadAllAsync(entry, cancellationToken)));
            checks.Add(Compare($"file {file.Path}", sha, file.Sha256, "SHA-256 of the file", "the manifest"));
        }
        var unlisted = zip.Entries.Select(e => e.FullName)
            .Except(manifest.Files.Select(f => f.Path).Append(PackageManifest.FileName), StringComparer.Ordinal).ToList();
        checks.Add(new("no extra files", unlisted.Count == 0, unlisted.Count == 0 ? "every file is listed" : $"not in the manifest: {string.Join(", ", unlisted)}"));

        var rowsRoot = await RowsRootAsync(zip, manifest, cancellationToken);
        checks.Add(Compare("rows root", rowsRoot, manifest.RowsRoot, "rebuilt from the CSV rows", "the manifest"));
        if (chain is not null)
        {
            checks.Add(Compare("rows root on chain", rowsRoot, chain.RowsRoot.ToString(), "rebuilt from the CSV rows", "the offer on chain"));
            checks.Add(Compare("payout root on chain", manifest.PayoutRoot, chain.PayoutRoot.ToString(), "the manifest", "the offer on chain"));
            checks.Add(Compare("total weight on chain", manifest.TotalWeight, chain.TotalWeight.ToString(), "the manifest", "the offer on chain"));
        }
        return new PackageVerification(checks);
    }

    private static ZipArchive? OpenZip(Stream package, List<VerificationCheck> checks)
    {
        try
        {
            return new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            checks.Add(new("package", false, $"not a readable zip archive: {e.Message}"));
            return null;
        }
    }

    private static async Task<string> RowsRootAsync(ZipArchive zip, PackageManifest manifest, CancellationToken cancellationToken)
    {
        var leaves = new List<IReadOnlyList<object?>>();
        foreach (var table in manifest.Tables)
        {
            if (zip.GetEntry(table.File) is not { } entry) continue;
            await using var stream = entry.Open();
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            var row = -1;
            foreach (var text in Csv.SplitRows(reader))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (row >= 0) leaves.Add([table.Name, row, PackageWriter.RowHash(text)]);
                row++;
            }
        }
        return leaves.Count == 0 ? "(no rows)" : StandardMerkleTree.Of(leaves, PackageManifest.RowLeafEncoding).Root.ToString();
    }

    private static VerificationCheck Compare(string name, string actual, string expected, string actualSource, string expectedSource) =>
        string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase)
            ? new(name, true, $"{actualSource} matches {expectedSource}: {actual}")
            : new(name, false, $"{actualSource} is {actual}, {expectedSource} says {expected}");

    private static async Task<byte[]> ReadAllAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        await using var stream = entry.Open();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
