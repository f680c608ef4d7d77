using System.Text.Json;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Abi;

/// <summary>
/// A contract's JSON ABI (Contract ABI Specification, "JSON"): functions, events and errors by
/// name, so callers never copy selectors by hand.
/// </summary>
public sealed class ContractAbi
{
    private readonly Dictionary<string, AbiFunction[]> _functions;
    private readonly Dictionary<string, AbiEvent[]> _events;
    private readonly Dictionary<Hash32, AbiEvent> _eventsByTopic;

    /// <summary>Builds an ABI from its parts.</summary>
    public ContractAbi(IEnumerable<AbiFunction> functions, IEnumerable<AbiEvent> events, IEnumerable<AbiError> errors, AbiFunction? constructor = null)
    {
        Functions = functions.ToArray();
        Events = events.ToArray();
        Errors = errors.ToArray();
        Constructor = constructor;
        _functions = Functions.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.ToArray());
        _events = Events.GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.ToArray());
        _eventsByTopic = Events.Where(e => !e.Anonymous).GroupBy(e => e.Topic0).ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>Every function.</summary>
    public IReadOnlyList<AbiFunction> Functions { get; }

    /// <summary>Every event.</summary>
    public IReadOnlyList<AbiEvent> Events { get; }

    /// <summary>Every custom error.</summary>
    public IReadOnlyList<AbiError> Errors { get; }

    /// <summary>The constructor (named "constructor"), when declared.</summary>
    public AbiFunction? Constructor { get; }

    /// <summary>Parses a JSON ABI array.</summary>
    /// <exception cref="AbiException">Not a JSON ABI.</exception>
    public static ContractAbi FromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return FromJson(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new AbiException($"the ABI is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Parses a JSON ABI array element.</summary>
    public static ContractAbi FromJson(JsonElement abi)
    {
        if (abi.ValueKind != JsonValueKind.Array) throw new AbiException("a JSON ABI is an array of functions, events and errors");
        var functions = new List<AbiFunction>();
        var events = new List<AbiEvent>();
        var errors = new List<AbiError>();
        AbiFunction? constructor = null;
        foreach (var item in abi.EnumerateArray())
        {
            var type = item.TryGetProperty("type", out var t) ? t.GetString() : "function";
            var name = item.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            var inputs = item.TryGetProperty("inputs", out var i) ? AbiJson.Parameters(i) : [];
            switch (type)
            {
                case "function":
                    var outputs = item.TryGetProperty("outputs", out var o) ? AbiJson.Parameters(o) : [];
                    var mutability = item.TryGetProperty("stateMutability", out var m) ? m.GetString() ?? "nonpayable" : "nonpayable";
                    functions.Add(new AbiFunction(name, inputs, outputs, mutability));
                    break;
                case "event":
                    events.Add(new AbiEvent(name, inputs, item.TryGetProperty("anonymous", out var a) && a.ValueKind == JsonValueKind.True));
                    break;
                case "error":
                    errors.Add(new AbiError(name, inputs));
                    break;
                case "constructor":
                    constructor = new AbiFunction("constructor", inputs, []);
                    break;
            }
        }
        return new ContractAbi(functions, events, errors, constructor);
    }

    /// <summary>Reads the ABI of a compiled artifact (<c>contracts/artifacts/&lt;Name&gt;.json</c>).</summary>
    public static ContractAbi FromArtifactJson(string json) => ContractArtifact.Parse(json).Abi;

    /// <summary>
    /// A function by name, or by full signature (<c>transfer(address,uint256)</c>) when overloaded.
    /// </summary>
    /// <exception cref="AbiException">No such function, or an ambiguous overloaded name.</exception>
    public AbiFunction Function(string nameOrSignature)
    {
        if (nameOrSignature.Contains('('))
            return Functions.FirstOrDefault(f => f.Signature == nameOrSignature)
                ?? throw new AbiException($"the ABI has no function {nameOrSignature}");
        if (!_functions.TryGetValue(nameOrSignature, out var found))
            throw new AbiException($"the ABI has no function named '{nameOrSignature}'");
        if (found.Length > 1)
            throw new AbiException($"'{nameOrSignature}' is overloaded; use one of {string.Join(", ", found.Select(f => f.Signature))}");
        return found[0];
    }

    /// <summary>An event by name or full signature.</summary>
    /// <exception cref="AbiException">No such event, or an ambiguous name.</exception>
    public AbiEvent Event(string nameOrSignature)
    {
        if (nameOrSignature.Contains('('))
            return Events.FirstOrDefault(e => e.Signature == nameOrSignature)
                ?? throw new AbiException($"the ABI has no event {nameOrSignature}");
        if (!_events.TryGetValue(nameOrSignature, out var found)) throw new AbiException($"the ABI has no event named '{nameOrSignature}'");
        if (found.Length > 1) throw new AbiException($"event '{nameOrSignature}' is overloaded; use its full signature");
        return found[0];
    }

    /// <summary>A custom error by name.</summary>
    public AbiError Error(string name) =>
        Errors.FirstOrDefault(e => e.Name == name) ?? throw new AbiException($"the ABI has no error named '{name}'");

    /// <summary>Call data for <paramref name="function"/> with <paramref name="arguments"/>.</summary>
    public byte[] Encode(string function, params object?[] arguments) => Function(function).Encode(arguments);

    /// <summary>Decodes the return data of <paramref name="function"/>.</summary>
    public object?[] DecodeOutput(string function, ReadOnlySpan<byte> returnData) => Function(function).DecodeOutput(returnData);

    /// <summary>Decodes a log of one of this ABI's events, found by topic 0.</summary>
    /// <exception cref="AbiException">No event of this ABI has the log's topic, or the log is malformed.</exception>
    public DecodedEvent DecodeEvent(EventLog log) => TryDecodeEvent(log)
        ?? throw new AbiException($"no event of this ABI has topic {(log.Topics.Count > 0 ? log.Topics[0].ToString() : "(none)")}");

    /// <summary>Decodes a log if its topic 0 belongs to one of this ABI's events; null otherwise.</summary>
    /// <exception cref="AbiException">The topic matched but the log is malformed.</exception>
    public DecodedEvent? TryDecodeEvent(EventLog log) =>
        log.Topics.Count > 0 && _eventsByTopic.TryGetValue(log.Topics[0], out var e) ? e.Decode(log) : null;

    /// <summary>Decodes revert data: Error(string), Panic(uint256), or one of this ABI's custom errors.</summary>
    public RevertReason DecodeRevert(ReadOnlySpan<byte> data) => RevertReason.Decode(data, Errors);
}
