using System.Collections;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Ledger.Crypto;

/// <summary>
/// A set of EIP-712 struct types with hashStruct, encodeType and typeHash (EIP-712 "Definition of
/// hashStruct", "Definition of encodeType", "Definition of encodeData"). Type hashes are cached,
/// so one instance can hash thousands of messages of the same shape per second.
/// </summary>
public sealed class Eip712Types
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> _types;
    private readonly ConcurrentDictionary<string, (Hash32 TypeHash, AbiType?[] Atomic)> _cache = new();
    private readonly ConcurrentDictionary<string, AbiType> _atomicTypes = new();

    /// <summary>Wraps struct definitions by type name.</summary>
    public Eip712Types(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types)
    {
        _types = types;
        foreach (var (name, fields) in types)
        {
            foreach (var field in fields)
            {
                var baseType = BaseType(field.Type);
                if (!types.ContainsKey(baseType) && baseType is not ("string" or "bytes")) AtomicType(baseType, name);
            }
        }
    }

    /// <summary>The struct definitions.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> Types => _types;

    /// <summary>
    /// encodeType: <c>Name(type1 member1,…)</c> followed by every referenced struct type, sorted by name.
    /// </summary>
    /// <exception cref="AbiException">The type is not defined.</exception>
    public string EncodeType(string primaryType)
    {
        var dependencies = new SortedSet<string>(StringComparer.Ordinal);
        CollectDependencies(primaryType, dependencies);
        dependencies.Remove(primaryType);
        var builder = new StringBuilder();
        foreach (var name in new[] { primaryType }.Concat(dependencies))
        {
            builder.Append(name).Append('(');
            builder.AppendJoin(',', Fields(name).Select(f => $"{f.Type} {f.Name}"));
            builder.Append(')');
        }
        return builder.ToString();
    }

    /// <summary>typeHash = keccak256(encodeType(type)).</summary>
    public Hash32 TypeHash(string primaryType) => Prepared(primaryType).TypeHash;

    /// <summary>
    /// hashStruct(s) = keccak256(typeHash ‖ encodeData(s)). Struct values are dictionaries keyed by
    /// member name (or JSON objects); member values as for the ABI encoder.
    /// </summary>
    /// <exception cref="AbiException">A missing member or a value that does not fit its type.</exception>
    public Hash32 HashStruct(string type, object? value)
    {
        var fields = Fields(type);
        var (typeHash, atomic) = Prepared(type);
        var buffer = new byte[32 * (1 + fields.Count)];
        typeHash.Span.CopyTo(buffer);
        for (var i = 0; i < fields.Count; i++)
        {
            var member = Member(value, fields[i].Name, type);
            EncodeValue(fields[i].Type, atomic[i], member, buffer.AsSpan(32 * (i + 1), 32));
        }
        return Keccak256.Hash(buffer);
    }

    private void EncodeValue(string type, AbiType? atomic, object? value, Span<byte> target)
    {
        if (atomic is not null)
        {
            AbiEncoder.Write(atomic, value, target);
            return;
        }
        Hash32 hash;
        if (type.EndsWith(']'))
        {
            var elementType = type[..type.LastIndexOf('[')];
            var lengthText = type[(type.LastIndexOf('[') + 1)..^1];
            var items = AbiValues.ToList(value, AbiType.Parse("bytes[]"));
            if (lengthText.Length > 0 && items.Count != int.Parse(lengthText, System.Globalization.CultureInfo.InvariantCulture))
                throw new AbiException($"EIP-712 {type} needs {lengthText} elements, got {items.Count}");
            var elementAtomic = IsAtomic(elementType) ? AtomicType(elementType, type) : null;
            var concatenated = new byte[32 * items.Count];
            for (var i = 0; i < items.Count; i++) EncodeValue(elementType, elementAtomic, items[i], concatenated.AsSpan(32 * i, 32));
            hash = Keccak256.Hash(concatenated);
        }
        else if (type == "string")
        {
            hash = Keccak256.Hash(AbiValues.ToText(value, AbiType.Parse("string")));
        }
        else if (type == "bytes")
        {
            hash = Keccak256.Hash(AbiValues.ToBytes(value, AbiType.Parse("bytes")));
        }
        else
        {
            hash = HashStruct(type, value);
        }
        hash.Span.CopyTo(target);
    }

    private (Hash32 TypeHash, AbiType?[] Atomic) Prepared(string type) => _cache.GetOrAdd(type, t =>
    {
        var fields = Fields(t);
        var atomic = fields.Select(f => IsAtomic(f.Type) ? AtomicType(f.Type, t) : null).ToArray();
        return (Keccak256.Hash(EncodeType(t)), atomic);
    });

    private bool IsAtomic(string type) => !type.EndsWith(']') && type is not ("string" or "bytes") && !_types.ContainsKey(type);

    private AbiType AtomicType(string type, string owner) => _atomicTypes.GetOrAdd(type, t =>
    {
        var parsed = AbiType.Parse(t);
        return parsed.Kind is AbiTypeKind.UInt or AbiTypeKind.Int or AbiTypeKind.Address or AbiTypeKind.Bool or AbiTypeKind.FixedBytes
            ? parsed
            : throw new AbiException($"EIP-712 type {owner} uses '{t}', which is neither atomic nor a defined struct");
    });

    private IReadOnlyList<TypedDataField> Fields(string type) =>
        _types.TryGetValue(type, out var fields) ? fields : throw new AbiException($"EIP-712 type '{type}' is not defined");

    private void CollectDependencies(string type, SortedSet<string> found)
    {
        if (!found.Add(type)) return;
        foreach (var field in Fields(type))
        {
            var baseType = BaseType(field.Type);
            if (_types.ContainsKey(baseType)) CollectDependencies(baseType, found);
        }
    }

    private static string BaseType(string type)
    {
        var bracket = type.IndexOf('[');
        return bracket < 0 ? type : type[..bracket];
    }

    private static object? Member(object? value, string name, string type)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> d when d.TryGetValue(name, out var v):
                return v;
            case IDictionary d when d.Contains(name):
                return d[name];
            case JsonElement { ValueKind: JsonValueKind.Object } j when j.TryGetProperty(name, out var v):
                return v;
            default:
                throw new AbiException($"EIP-712 {type} value lacks member '{name}'");
        }
    }
}
