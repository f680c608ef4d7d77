using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Abi;

/// <summary>A Solidity custom error (Contract ABI Specification, "Errors"): selector and arguments.</summary>
public sealed class AbiError
{
    private readonly AbiType[] _types;
    private readonly byte[] _selector;

    /// <summary>Defines an error from its name and inputs.</summary>
    public AbiError(string name, IReadOnlyList<AbiParameter> inputs)
    {
        Name = name;
        Inputs = inputs;
        _types = inputs.Select(p => p.Type).ToArray();
        Signature = $"{name}({string.Join(",", _types.Select(t => t.CanonicalName))})";
        _selector = Keccak256.Hash(Signature).Span[..4].ToArray();
    }

    /// <summary>The error's name.</summary>
    public string Name { get; }

    /// <summary>Its inputs.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>The canonical signature, e.g. <c>Error(string)</c>.</summary>
    public string Signature { get; }

    /// <summary>The 4-byte selector.</summary>
    public ReadOnlySpan<byte> Selector => _selector;

    /// <summary>Encodes revert data for this error (selector + arguments), e.g. for tests.</summary>
    public byte[] Encode(params object?[] arguments) => AbiEncoder.EncodeTuple(_types, arguments, _selector);

    /// <summary>Decodes the arguments of revert data that starts with this error's selector.</summary>
    public object?[] Decode(ReadOnlySpan<byte> revertData)
    {
        if (revertData.Length < 4 || !revertData[..4].SequenceEqual(_selector))
            throw new AbiException($"revert data does not start with the selector of {Signature}");
        return AbiDecoder.DecodeTuple(_types, revertData[4..]);
    }
}
