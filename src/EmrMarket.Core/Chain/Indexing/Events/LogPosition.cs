using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Indexing.Events;

/// <summary>Where an event is on chain: every read-model row carries it.</summary>
public sealed record LogPosition(ulong BlockNumber, int LogIndex, DateTimeOffset BlockTime, Hash32 TransactionHash);
