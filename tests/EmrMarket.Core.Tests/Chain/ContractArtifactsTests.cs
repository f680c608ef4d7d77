using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EmrMarket.Core.Chain;
using EmrMarket.Testing;

namespace EmrMarket.Core.Tests.Chain;

/// <summary>The embedded artifacts must be what the current sources compile to.</summary>
public sealed class ContractArtifactsTests
{
    [Fact]
    public void Manifest_SourcesHash_MatchesTheContractSourcesNow()
    {
        using var manifest = JsonDocument.Parse(ContractArtifacts.ManifestJson());

        Assert.True(SourcesHash() == manifest.RootElement.GetProperty("sourcesSha256").GetString(),
            "contracts/artifacts is stale: run `npm run build` in contracts/ and commit the artifacts");
    }

    [Fact]
    public async Task Artifacts_Bytecode_EqualsWhatForgeBuildsNow()
    {
        var build = await ProcessRunner.RunAsync(Path.Combine(RepoPaths.Contracts, "tools", "forge"), ["build"],
            workingDirectory: RepoPaths.Contracts, timeout: TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.StandardError);

        foreach (var name in new[] { ContractArtifacts.ConsentRegistry, ContractArtifacts.RecordAnchor, ContractArtifacts.DataMarketplace,
                     ContractArtifacts.DataLicense, ContractArtifacts.TestDollar })
        {
            using var compiled = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Contracts, "out", $"{name}.sol", $"{name}.json")));
            var fresh = compiled.RootElement.GetProperty("deployedBytecode").GetProperty("object").GetString()!;
            Assert.True(Convert.FromHexString(fresh[2..]).AsSpan().SequenceEqual(ContractArtifacts.Get(name).DeployedBytecode),
                $"{name}: the embedded artifact differs from forge's build; run `npm run build` in contracts/");
        }
    }

    // The same digest contracts/scripts/export-artifacts.mjs records.
    private static string SourcesHash()
    {
        var root = RepoPaths.Contracts;
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.sol", SearchOption.AllDirectories)
            .Append(Path.Combine(root, "foundry.toml"))
            .Append(Path.Combine(root, "package-lock.json"))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(root, file)).Replace("\r\n", "\n", StringComparison.Ordinal)));
            hash.AppendData("\n"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
