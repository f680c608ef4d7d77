using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Crypto;

/// <summary>
/// The EIP-712 domain (<c>EIP712Domain</c> struct). Only the members that are set take part, in
/// the order the EIP lists them: name, version, chainId, verifyingContract, salt.
/// </summary>
/// <param name="Name">The signing domain's user-readable name.</param>
/// <param name="Version">Its current major version.</param>
/// <param name="ChainId">The EIP-155 chain id.</param>
/// <param name="VerifyingContract">The contract that will verify the signature.</param>
/// <param name="Salt">A disambiguating salt.</param>
public sealed record Eip712Domain(string? Name = null, string? Version = null, BigInteger? ChainId = null,
    EthAddress? VerifyingContract = null, Hash32? Salt = null)
{
    /// <summary>The <c>EIP712Domain</c> type's members for the fields that are set.</summary>
    public IReadOnlyList<TypedDataField> Fields()
    {
        var fields = new List<TypedDataField>(5);
        if (Name is not null) fields.Add(new("name", "string"));
        if (Version is not null) fields.Add(new("version", "string"));
        if (ChainId is not null) fields.Add(new("chainId", "uint256"));
        if (VerifyingContract is not null) fields.Add(new("verifyingContract", "address"));
        if (Salt is not null) fields.Add(new("salt", "bytes32"));
        return fields;
    }

    /// <summary>The domain as a struct value keyed by member name.</summary>
    public IReadOnlyDictionary<string, object?> Values()
    {
        var values = new Dictionary<string, object?>();
        if (Name is not null) values["name"] = Name;
        if (Version is not null) values["version"] = Version;
        if (ChainId is not null) values["chainId"] = ChainId.Value;
        if (VerifyingContract is not null) values["verifyingContract"] = VerifyingContract.Value;
        if (Salt is not null) values["salt"] = Salt.Value;
        return values;
    }

    /// <summary>hashStruct(domain): the domain separator (EIP-712 "Definition of domainSeparator").</summary>
    public Hash32 Separator()
    {
        var types = new Eip712Types(new Dictionary<string, IReadOnlyList<TypedDataField>> { ["EIP712Domain"] = Fields() });
        return types.HashStruct("EIP712Domain", Values());
    }
}
