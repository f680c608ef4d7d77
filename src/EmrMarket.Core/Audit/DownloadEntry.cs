using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Audit;

/// <summary>A logged download of a dataset's package: who (account and the wallet holding the licence), when, which bytes.</summary>
public sealed record DownloadEntry(ulong OfferId, Guid AccountId, string? AccountEmail, EthAddress Wallet, long? RangeStart, long? RangeEnd, DateTimeOffset At);
