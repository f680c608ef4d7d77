using System.Numerics;
using System.Text.Json;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Crypto;

/// <summary>
/// An EIP-712 typed-data message: domain, struct types, primary type and value. Its
/// <see cref="Digest()"/> is keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(message)).
/// </summary>
/// <param name="Domain">The signing domain.</param>
/// <param name="Types">The struct types (without <c>EIP712Domain</c>).</param>
/// <param name="PrimaryType">The message's type.</param>
/// <param name="Message">The message: a dictionary keyed by member name, or a JSON object.</param>
public sealed record TypedData(Eip712Domain Domain, Eip712Types Types, string PrimaryType, object? Message)
{
    /// <summary>The domain separator.</summary>
    public Hash32 DomainSeparator() => Domain.Separator();

    /// <summary>hashStruct(message).</summary>
    public Hash32 StructHash() => Types.HashStruct(PrimaryType, Message);

    /// <summary>The digest that is signed.</summary>
    public Hash32 Digest() => Digest(DomainSeparator(), StructHash());

    /// <summary>keccak256("\x19\x01" ‖ domainSeparator ‖ structHash).</summary>
    public static Hash32 Digest(Hash32 domainSeparator, Hash32 structHash)
    {
        var buffer = new byte[66];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        domainSeparator.Span.CopyTo(buffer.AsSpan(2));
        structHash.Span.CopyTo(buffer.AsSpan(34));
        return Keccak256.Hash(buffer);
    }

    /// <summary>
    /// Parses the JSON accepted by <c>eth_signTypedData_v4</c>:
    /// <c>{types, primaryType, domain, message}</c>. The <c>EIP712Domain</c> entry of
    /// <c>types</c>, when present, must list exactly the domain's members.
    /// </summary>
    /// <exception cref="AbiException">Malformed typed data.</exception>
    public static TypedData FromJson(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new AbiException($"typed data is not valid JSON: {e.Message}", e);
        }
        if (!root.TryGetProperty("types", out var typesJson) || typesJson.ValueKind != JsonValueKind.Object)
            throw new AbiException("typed data lacks 'types'");
        if (!root.TryGetProperty("primaryType", out var primary) || primary.ValueKind != JsonValueKind.String)
            throw new AbiException("typed data lacks 'primaryType'");
        if (!root.TryGetProperty("message", out var message)) throw new AbiException("typed data lacks 'message'");
        var types = new Dictionary<string, IReadOnlyList<TypedDataField>>();
        foreach (var type in typesJson.EnumerateObject())
        {
            types[type.Name] = type.Value.EnumerateArray()
                .Select(f => new TypedDataField(f.GetProperty("name").GetString()!, f.GetProperty("type").GetString()!))
                .ToArray();
        }
        var domain = ParseDomain(root.TryGetProperty("domain", out var d) ? d : default);
        if (types.Remove("EIP712Domain", out var declared) && !declared.SequenceEqual(domain.Fields()))
            throw new AbiException("types.EIP712Domain does not list the domain's members in EIP-712 order");
        return new TypedData(domain, new Eip712Types(types), primary.GetString()!, message);
    }

    private static Eip712Domain ParseDomain(JsonElement domain)
    {
        if (domain.ValueKind != JsonValueKind.Object) return new Eip712Domain();
        string? Text(string name) => domain.TryGetProperty(name, out var v) ? v.GetString() : null;
        BigInteger? chainId = domain.TryGetProperty("chainId", out var c)
            ? AbiValues.ToInteger(c, AbiType.Parse("uint256")) : null;
        EthAddress? contract = domain.TryGetProperty("verifyingContract", out var vc)
            ? AbiValues.ToAddress(vc, AbiType.Parse("address")) : null;
        Hash32? salt = domain.TryGetProperty("salt", out var s) ? new Hash32(AbiValues.ToBytes(s, AbiType.Parse("bytes32"))) : null;
        return new Eip712Domain(Text("name"), Text("version"), chainId, contract, salt);
    }
}
