using System.IO.Compression;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmrMarket.Core.Datasets.Packaging;
using EmrMarket.Ledger.Primitives;
using EmrMarket.Testing;

namespace EmrMarket.Core.Tests.Datasets;

public sealed class PackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("emr-package-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly Hash32 Payout = Keccak256.Hash("payout");

    private static PackageContent Content() => new(
        Guid.Parse("0199a000-0000-7000-8000-000000000001"), "Type 2 diabetes, adults", "Adults with T2D and their HbA1c.",
        Purposes: 1, ConsentBlock: 42, BuiltAt: new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), PatientCount: 3,
        Cohort: new JsonObject { ["conditions"] = "44054006" }, Policy: new JsonObject { ["k"] = 5 }, Privacy: new JsonObject { ["prosecutorRisk"] = 0.2 },
        PayoutRoot: Payout, TotalWeight: new BigInteger(7));

    private static IReadOnlyList<DatasetTable> Tables() =>
    [
        new("patients", "One row per patient.", [new("pid", "string", "pseudonym"), new("age", "band", "age band")],
            [["p1", "40-49"], ["p2", "50-59"], ["p3", "90+"]]),
        new("observations", "Lab results.", [new("pid", "string", "pseudonym"), new("code", "LOINC", "test"), new("note", "text", "free")],
            [["p1", "4548-4", "a, quoted \"note\""], ["p2", "4548-4", "two\nlines"], ["p3", "4548-4", null]]),
    ];

    private async Task<BuiltPackage> WriteAsync(string name = "dataset.zip") =>
        await PackageWriter.WriteAsync(Path.Combine(_folder, name), Content(), Tables(), default);

    private static OnChainCommitments ChainOf(BuiltPackage package) => new(package.ManifestHash, package.RowsRoot, Payout, 7);

    [Fact]
    public async Task VerifyAsync_UntouchedPackage_PassesEveryCheck()
    {
        var package = await WriteAsync();

        await using var stream = File.OpenRead(package.Path);
        var result = await PackageVerifier.VerifyAsync(stream, ChainOf(package), default);

        Assert.True(result.Passed, string.Join("\n", result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}")));
        Assert.True(result.Checks.Count >= 8);
    }

    [Fact]
    public async Task WriteAsync_SameContentTwice_GivesIdenticalBytes()
    {
        var first = await WriteAsync("a.zip");
        var second = await WriteAsync("b.zip");

        Assert.Equal(await File.ReadAllBytesAsync(first.Path), await File.ReadAllBytesAsync(second.Path));
        Assert.Equal(first.ManifestHash, second.ManifestHash);
    }

    [Fact]
    public async Task VerifyAsync_OneRowChanged_FailsTheFileHashAndTheRowsRoot()
    {
        var package = await WriteAsync();
        await RewriteEntryAsync(package.Path, "tables/patients.csv", text => text.Replace("90+", "91", StringComparison.Ordinal));

        await using var stream = File.OpenRead(package.Path);
        var result = await PackageVerifier.VerifyAsync(stream, ChainOf(package), default);

        Assert.False(result.Passed);
        Assert.Contains(result.Checks, c => c.Name == "file tables/patients.csv" && !c.Passed);
        Assert.Contains(result.Checks, c => c.Name == "rows root on chain" && !c.Passed);
        Assert.Contains(result.Checks, c => c.Name == "manifest hash" && c.Passed);
    }

    [Fact]
    public async Task VerifyAsync_OtherOffersCommitments_FailsTheManifestHash()
    {
        var package = await WriteAsync();

        await using var stream = File.OpenRead(package.Path);
        var result = await PackageVerifier.VerifyAsync(stream, ChainOf(package) with { ManifestHash = Keccak256.Hash("other") }, default);

        Assert.Contains(result.Checks, c => c.Name == "manifest hash" && !c.Passed && c.Detail.Contains("the offer on chain", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_NotAZip_FailsWithAReadableReason()
    {
        using var stream = new MemoryStream("not a zip"u8.ToArray());

        var result = await PackageVerifier.VerifyAsync(stream, null, default);

        Assert.False(result.Passed);
        Assert.Contains("zip", Assert.Single(result.Checks).Detail);
    }

    [Fact]
    public async Task RowsRoot_RebuiltByOpenZeppelinFromTheCsv_EqualsOurs()
    {
        var package = await WriteAsync();
        var extracted = Path.Combine(_folder, "extracted");
        ZipFile.ExtractToDirectory(package.Path, extracted);
        var script = Path.Combine(_folder, "rows-root.mjs");
        await File.WriteAllTextAsync(script, $$"""
            import { StandardMerkleTree } from '{{Path.Combine(RepoPaths.Contracts, "node_modules", "@openzeppelin", "merkle-tree", "dist", "index.js")}}';
            import { createHash } from 'node:crypto';
            import { readFileSync } from 'node:fs';
            const manifest = JSON.parse(readFileSync(process.argv[2] + '/manifest.json', 'utf8'));
            const leaves = [];
            for (const table of manifest.tables) {
              // Split on line ends outside quotes, exactly as RFC 4180 rows are delimited.
              const text = readFileSync(process.argv[2] + '/' + table.file, 'utf8');
              const rows = []; let row = ''; let quoted = false;
              for (const ch of text) { if (ch === '"') quoted = !quoted; if (ch === '\n' && !quoted) { rows.push(row); row = ''; } else row += ch; }
              rows.slice(1).forEach((r, i) => leaves.push([table.name, i, '0x' + createHash('sha256').update(r, 'utf8').digest('hex')]));
            }
            console.log(StandardMerkleTree.of(leaves, ['string', 'uint256', 'bytes32']).root);
            """);

        var result = await ProcessRunner.RunAsync("node", [script, extracted]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(package.RowsRoot.ToString(), result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Manifest_KeccakOfItsBytes_IsTheManifestHash()
    {
        var package = await WriteAsync();
        using var zip = ZipFile.OpenRead(package.Path);
        await using var entry = zip.GetEntry("manifest.json")!.Open();
        using var buffer = new MemoryStream();
        await entry.CopyToAsync(buffer);

        Assert.Equal(package.ManifestHash, Keccak256.Hash(buffer.ToArray()));
        Assert.Equal(3, JsonDocument.Parse(buffer.ToArray()).RootElement.GetProperty("patientCount").GetInt32());
    }

    private static async Task RewriteEntryAsync(string zipPath, string entryName, Func<string, string> change)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        var entry = zip.GetEntry(entryName)!;
        string text;
        using (var reader = new StreamReader(entry.Open())) text = await reader.ReadToEndAsync();
        entry.Delete();
        await using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
        await writer.WriteAsync(change(text));
    }
}
