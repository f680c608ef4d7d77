using EmrMarket.Core.Consent;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Audit;

/// <summary>Which consent changes to list, newest first (every filter optional).</summary>
/// <param name="Patient">One patient (their <see cref="PatientKey"/>).</param>
/// <param name="Purpose">Changes about one of these purposes: granted, taken away, or kept with a new expiry.</param>
/// <param name="From">Block time from (inclusive).</param>
/// <param name="To">Block time to (exclusive).</param>
/// <param name="Kind">Grants, revocations, or both.</param>
/// <param name="Limit">Most entries (1 to 100,000).</param>
/// <param name="Before">For the next page: entries older than this one (block, log index).</param>
public sealed record ConsentTrailQuery(
    EthAddress? Patient = null,
    Purpose? Purpose = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    ConsentChangeKind Kind = ConsentChangeKind.Any,
    int Limit = 1000,
    (ulong Block, int LogIndex)? Before = null)
{
    /// <exception cref="AuditException">A limit out of range, an empty or undefined purpose, or a window that ends before it starts.</exception>
    public void Validate()
    {
        if (Limit is < 1 or > 100_000) throw new AuditException("a trail page holds 1 to 100,000 entries");
        if (Purpose is { } p && (p == Consent.Purpose.None || !Purposes.AreDefined(p))) throw new AuditException("filter by one or more defined purposes");
        if (From >= To) throw new AuditException("the time window ends before it starts");
    }
}
