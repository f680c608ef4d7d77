namespace EmrMarket.Core.Chain.Events;

/// <summary>One thing that changed. A null <see cref="Key"/> means "possibly every one of this kind".</summary>
public sealed record ChainChange(ChangeKind Kind, string? Key)
{
    /// <summary>Whether a subscriber interested in (<paramref name="kind"/>, <paramref name="key"/>) should refresh.</summary>
    public bool Affects(ChangeKind kind, string key) =>
        Kind == ChangeKind.Reset || (Kind == kind && (Key is null || string.Equals(Key, key, StringComparison.OrdinalIgnoreCase)));
}
