using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Outbox;

/// <summary>A request with its signer's address resolved: what the store inserts.</summary>
public sealed record OutboxWrite(OutboxRequest Request, EthAddress Sender);
