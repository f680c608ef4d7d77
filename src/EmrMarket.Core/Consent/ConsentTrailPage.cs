namespace EmrMarket.Core.Consent;

/// <summary>A page of the trail; <see cref="Next"/> continues it (null on the last page).</summary>
public sealed record ConsentTrailPage(IReadOnlyList<ConsentTrailEntry> Entries, TrailPosition? Next);
