using EmrMarket.Core.Consent;

namespace EmrMarket.Web.Components.Shared.Consent;

/// <summary>What the patient chose: the purposes, and the last day (UTC) their consent holds, if any.</summary>
public sealed record ConsentChoice(Purpose Purposes, DateOnly? Until)
{
    /// <summary>The on-chain expiry: the start of the day after <see cref="Until"/>, so the whole chosen day is covered.</summary>
    public DateTimeOffset? Expiry => Purposes == Purpose.None || Until is not { } day
        ? null
        : new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1);

    /// <summary>The last covered day of an on-chain expiry (unix seconds, 0 = none).</summary>
    public static DateOnly? UntilOf(ulong expiry) =>
        expiry == 0 ? null : DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds((long)expiry - 1).UtcDateTime);
}
