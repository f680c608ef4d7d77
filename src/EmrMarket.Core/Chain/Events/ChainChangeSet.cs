using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmrMarket.Core.Chain.Events;

/// <summary>
/// What one committed transaction changed (an indexed block range, an outbox status): the payload of the
/// PostgreSQL notification every app instance listens to. <see cref="IndexedBlock"/> is the indexer's cursor
/// after the change, when it moved.
/// </summary>
public sealed record ChainChangeSet(IReadOnlyList<ChainChange> Changes, ulong? IndexedBlock = null)
{
    /// <summary>The notification channel.</summary>
    public const string Channel = "emr_changes";

    /// <summary>PostgreSQL's payload limit is 8000 bytes; past this, keys are dropped per kind.</summary>
    public const int MaxPayloadLength = 7000;

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Whether any change affects (<paramref name="kind"/>, <paramref name="key"/>).</summary>
    public bool Affects(ChangeKind kind, string key) => Changes.Any(c => c.Affects(kind, key));

    /// <summary>Whether anything of <paramref name="kind"/> changed.</summary>
    public bool Touches(ChangeKind kind) => Changes.Any(c => c.Kind == kind || c.Kind == ChangeKind.Reset);

    /// <summary>The notification payload: compact JSON, collapsed to kinds when the keys would not fit.</summary>
    public string ToPayload()
    {
        var distinct = Changes.Distinct().ToList();
        var payload = Serialize(distinct);
        if (payload.Length <= MaxPayloadLength) return payload;
        return Serialize(distinct.Select(c => c.Kind).Distinct().Select(k => new ChainChange(k, null)).ToList());
    }

    /// <summary>Reads a payload written by <see cref="ToPayload"/>; an unreadable one means "anything may have changed".</summary>
    public static ChainChangeSet FromPayload(string payload)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(payload, Json);
            if (wire?.C is { } changes)
                return new ChainChangeSet(changes.Select(c => new ChainChange(Enum.Parse<ChangeKind>(c.K), c.Id)).ToList(), wire.B);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
        }
        return new ChainChangeSet([new ChainChange(ChangeKind.Reset, null)]);
    }

    private string Serialize(IReadOnlyList<ChainChange> changes) =>
        JsonSerializer.Serialize(new Wire(IndexedBlock, changes.Select(c => new WireChange(c.Kind.ToString(), c.Key)).ToList()), Json);

    private sealed record Wire([property: JsonPropertyName("b")] ulong? B, [property: JsonPropertyName("c")] List<WireChange>? C);

    private sealed record WireChange([property: JsonPropertyName("k")] string K, [property: JsonPropertyName("id")] string? Id);
}
