using System.Collections.Concurrent;
using EmrMarket.Ledger.Abi;

namespace EmrMarket.Core.Chain;

/// <summary>The contracts' ABI and bytecode, embedded from contracts/artifacts at build time.</summary>
public static class ContractArtifacts
{
    public const string ConsentRegistry = nameof(ConsentRegistry);
    public const string RecordAnchor = nameof(RecordAnchor);
    public const string DataMarketplace = nameof(DataMarketplace);
    public const string DataLicense = nameof(DataLicense);
    public const string TestDollar = nameof(TestDollar);

    private static readonly ConcurrentDictionary<string, ContractArtifact> Cache = new(StringComparer.Ordinal);

    public static ContractArtifact Get(string contractName) => Cache.GetOrAdd(contractName, Load);

    /// <summary>The embedded manifest.json: compiler and the hash of the sources the artifacts came from.</summary>
    public static string ManifestJson() => Read("manifest");

    private static ContractArtifact Load(string contractName) => ContractArtifact.Parse(Read(contractName));

    private static string Read(string name)
    {
        using var stream = typeof(ContractArtifacts).Assembly.GetManifestResourceStream($"artifacts/{name}.json")
            ?? throw new InvalidOperationException($"no embedded artifact {name}.json: run `npm run build` in contracts/");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
