using System.Collections;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Abi;

/// <summary>
/// A contract function: its signature, 4-byte selector (first bytes of keccak256 of the signature),
/// call-data encoding and return decoding (Contract ABI Specification, "Function Selector").
/// </summary>
public sealed class AbiFunction
{
    private readonly AbiType[] _inputTypes;
    private readonly AbiType[] _outputTypes;
    private readonly byte[] _selector;

    /// <summary>Defines a function from its parts.</summary>
    public AbiFunction(string name, IReadOnlyList<AbiParameter> inputs, IReadOnlyList<AbiParameter> outputs, string stateMutability = "nonpayable")
    {
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        StateMutability = stateMutability;
        _inputTypes = inputs.Select(p => p.Type).ToArray();
        _outputTypes = outputs.Select(p => p.Type).ToArray();
        Signature = $"{name}({string.Join(",", _inputTypes.Select(t => t.CanonicalName))})";
        _selector = Keccak256.Hash(Signature).Span[..4].ToArray();
    }

    /// <summary>
    /// Parses a human-readable signature, e.g. <c>transfer(address,uint256)</c> with optional
    /// <c>returns (bool)</c>.
    /// </summary>
    /// <exception cref="AbiException">Malformed signature.</exception>
    public static AbiFunction Parse(string signature)
    {
        var text = signature.Trim();
        if (text.StartsWith("function ", StringComparison.Ordinal)) text = text[9..].Trim();
        var returnsAt = text.IndexOf(" returns", StringComparison.Ordinal);
        var outputs = returnsAt < 0 ? [] : ParseList(text[(returnsAt + 8)..].Trim(), signature);
        var head = returnsAt < 0 ? text : text[..returnsAt].Trim();
        var open = head.IndexOf('(');
        if (open <= 0 || !head.EndsWith(')')) throw new AbiException($"malformed function signature '{signature}'");
        return new AbiFunction(head[..open], ParseList(head[open..], signature), outputs);
    }

    private static AbiParameter[] ParseList(string parenthesised, string whole)
    {
        if (!parenthesised.StartsWith('(') || !parenthesised.EndsWith(')')) throw new AbiException($"malformed parameter list in '{whole}'");
        return AbiType.SplitTopLevel(parenthesised[1..^1], whole)
            .Select(p => p.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => new AbiParameter(parts.Length > 1 ? parts[^1] : "", AbiType.Parse(parts[0])))
            .ToArray();
    }

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>The inputs in order.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>The outputs in order.</summary>
    public IReadOnlyList<AbiParameter> Outputs { get; }

    /// <summary>pure, view, nonpayable or payable.</summary>
    public string StateMutability { get; }

    /// <summary>The canonical signature, e.g. <c>transfer(address,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>The 4-byte selector.</summary>
    public ReadOnlySpan<byte> Selector => _selector;

    /// <summary>Call data: the selector followed by the ABI-encoded arguments.</summary>
    /// <exception cref="AbiException">Wrong number of arguments or a value that does not fit its type.</exception>
    public byte[] Encode(params object?[] arguments) => EncodeList(arguments);

    /// <summary>Call data from an argument list.</summary>
    public byte[] EncodeList(IList arguments)
    {
        if (arguments.Count != _inputTypes.Length)
            throw new AbiException($"{Signature} takes {_inputTypes.Length} arguments, got {arguments.Count}");
        try
        {
            return AbiEncoder.EncodeTuple(_inputTypes, arguments, _selector);
        }
        catch (AbiException e)
        {
            throw new AbiException($"{Signature}: {e.Message}", e);
        }
    }

    /// <summary>Decodes the arguments of call data produced for this function.</summary>
    /// <exception cref="AbiException">The selector differs or the data is malformed.</exception>
    public object?[] DecodeInput(ReadOnlySpan<byte> callData)
    {
        if (callData.Length < 4 || !callData[..4].SequenceEqual(_selector))
            throw new AbiException($"call data does not start with the selector of {Signature}");
        return AbiDecoder.DecodeTuple(_inputTypes, callData[4..]);
    }

    /// <summary>Decodes the return data of a call into the output values.</summary>
    /// <exception cref="AbiException">The data is malformed for the outputs.</exception>
    public object?[] DecodeOutput(ReadOnlySpan<byte> returnData)
    {
        try
        {
            return AbiDecoder.DecodeTuple(_outputTypes, returnData);
        }
        catch (AbiException e)
        {
            throw new AbiException($"return data of {Signature}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Signature;
}
