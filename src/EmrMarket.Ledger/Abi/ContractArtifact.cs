using System.Text.Json;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Abi;

/// <summary>
/// A compiled contract as exported to <c>contracts/artifacts/&lt;Name&gt;.json</c>:
/// <c>{contractName, sourceName, abi, bytecode, deployedBytecode}</c>.
/// </summary>
/// <param name="ContractName">The contract's name.</param>
/// <param name="SourceName">Its source file.</param>
/// <param name="Abi">Its ABI.</param>
/// <param name="Bytecode">Creation bytecode (empty for interfaces and abstract contracts).</param>
/// <param name="DeployedBytecode">Runtime bytecode.</param>
public sealed record ContractArtifact(string ContractName, string SourceName, ContractAbi Abi, byte[] Bytecode, byte[] DeployedBytecode)
{
    /// <summary>Parses an artifact's JSON text.</summary>
    /// <exception cref="AbiException">Not an artifact, or its ABI or bytecode is malformed.</exception>
    public static ContractArtifact Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("abi", out var abi))
                throw new AbiException("an artifact is a JSON object with an 'abi' member");
            return new ContractArtifact(
                Text(root, "contractName"),
                Text(root, "sourceName"),
                ContractAbi.FromJson(abi),
                Hex.Decode(Text(root, "bytecode")),
                Hex.Decode(Text(root, "deployedBytecode")));
        }
        catch (JsonException e)
        {
            throw new AbiException($"the artifact is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads an artifact file.</summary>
    public static async Task<ContractArtifact> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));

    /// <summary>Creation code followed by ABI-encoded constructor arguments.</summary>
    public byte[] DeploymentData(params object?[] constructorArguments)
    {
        if (Bytecode.Length == 0) throw new AbiException($"{ContractName} has no creation bytecode (an interface or abstract contract)");
        var arguments = Abi.Constructor is null
            ? (constructorArguments.Length == 0 ? [] : throw new AbiException($"{ContractName} has no constructor arguments"))
            : Abi.Constructor.Encode(constructorArguments)[4..];
        return [.. Bytecode, .. arguments];
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
