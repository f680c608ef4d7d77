using EmrMarket.Ledger.Transactions;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>A queued row with the transaction signed for it, persisted before it is broadcast.</summary>
public sealed record SignedOutboxRow(long Id, SignedTransaction Transaction);
