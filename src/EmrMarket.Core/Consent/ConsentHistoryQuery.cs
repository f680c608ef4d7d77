using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Consent;

/// <summary>Which consent changes to list (all filters optional).</summary>
/// <param name="Purpose">Only changes that granted or took away one of these purposes (or kept one granted with a new expiry).</param>
/// <param name="From">Block time from (inclusive).</param>
/// <param name="To">Block time to (exclusive).</param>
/// <param name="Limit">Most rows, newest first.</param>
public sealed record ConsentHistoryQuery(EthAddress? Patient = null, Purpose? Purpose = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    int Limit = 1000);
