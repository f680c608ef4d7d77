using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Abi;

/// <summary>
/// A contract event (Contract ABI Specification, "Events"): topic 0 is keccak256 of the signature;
/// indexed arguments are topics (dynamic ones as the hash of their encoding), the rest are the data.
/// </summary>
public sealed class AbiEvent
{
    private readonly AbiType[] _dataTypes;

    /// <summary>Defines an event from its name and inputs.</summary>
    public AbiEvent(string name, IReadOnlyList<AbiParameter> inputs, bool anonymous = false)
    {
        Name = name;
        Inputs = inputs;
        Anonymous = anonymous;
        Signature = $"{name}({string.Join(",", inputs.Select(p => p.Type.CanonicalName))})";
        Topic0 = Keccak256.Hash(Signature);
        _dataTypes = inputs.Where(p => !p.Indexed).Select(p => p.Type).ToArray();
        var indexedCount = inputs.Count(p => p.Indexed);
        if (indexedCount > (anonymous ? 4 : 3)) throw new AbiException($"event {Signature} has too many indexed arguments");
    }

    /// <summary>The event's name.</summary>
    public string Name { get; }

    /// <summary>Its inputs in declaration order.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>Whether the event is anonymous (no signature topic).</summary>
    public bool Anonymous { get; }

    /// <summary>The canonical signature, e.g. <c>Transfer(address,address,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>keccak256 of the signature: the first topic of every (non-anonymous) log of this event.</summary>
    public Hash32 Topic0 { get; }

    /// <summary>Whether <paramref name="log"/> is an occurrence of this event.</summary>
    public bool Matches(EventLog log) =>
        !Anonymous && log.Topics.Count == 1 + Inputs.Count(p => p.Indexed) && log.Topics[0] == Topic0;

    /// <summary>Decodes a log of this event.</summary>
    /// <exception cref="AbiException">The log's topics or data do not match the event.</exception>
    public DecodedEvent Decode(EventLog log)
    {
        var topicIndex = Anonymous ? 0 : 1;
        var indexedCount = Inputs.Count(p => p.Indexed);
        if (log.Topics.Count != topicIndex + indexedCount)
            throw new AbiException($"log has {log.Topics.Count} topics, {Signature} needs {topicIndex + indexedCount}");
        if (!Anonymous && log.Topics[0] != Topic0)
            throw new AbiException($"log topic 0 {log.Topics[0]} is not the topic of {Signature}");
        object?[] data;
        try
        {
            data = AbiDecoder.DecodeTuple(_dataTypes, log.Data);
        }
        catch (AbiException e)
        {
            throw new AbiException($"data of event {Signature}: {e.Message}", e);
        }
        var values = new object?[Inputs.Count];
        var dataIndex = 0;
        for (var i = 0; i < Inputs.Count; i++)
        {
            var input = Inputs[i];
            if (!input.Indexed)
            {
                values[i] = data[dataIndex++];
                continue;
            }
            var topic = log.Topics[topicIndex++];
            values[i] = input.Type.IsDynamic || input.Type.Kind is AbiTypeKind.Array or AbiTypeKind.Tuple
                ? topic
                : AbiDecoder.DecodeTuple([input.Type], topic.Span)[0];
        }
        return new DecodedEvent(this, values, log);
    }

    /// <summary>
    /// The topic for an indexed argument value, for log filters: static types are their ABI word,
    /// strings and bytes the Keccak-256 of their contents.
    /// </summary>
    public static Hash32 TopicOf(AbiType type, object? value) => type.Kind switch
    {
        AbiTypeKind.String => Keccak256.Hash(AbiValues.ToText(value, type)),
        AbiTypeKind.Bytes => Keccak256.Hash(AbiValues.ToBytes(value, type)),
        AbiTypeKind.Array or AbiTypeKind.Tuple => throw new AbiException($"topics of indexed {type} values are not supported"),
        _ => new Hash32(AbiEncoder.EncodeTuple([type], new[] { value })),
    };

    /// <inheritdoc />
    public override string ToString() => Signature;
}
