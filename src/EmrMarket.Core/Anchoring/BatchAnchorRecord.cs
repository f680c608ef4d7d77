using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Anchoring;

/// <summary>An ingest batch's anchor on its way to the chain: the root, and the outbox row that anchors it.</summary>
public sealed record BatchAnchorRecord(Guid BatchId, Guid ProviderId, Hash32 Root, int RecordCount, long OutboxId);
