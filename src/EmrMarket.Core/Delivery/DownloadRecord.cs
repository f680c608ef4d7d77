using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Delivery;

/// <summary>One logged download request.</summary>
public sealed record DownloadRecord(Guid DatasetId, ulong OfferId, Guid AccountId, EthAddress Wallet, long? RangeStart, long? RangeEnd, DateTimeOffset At);
