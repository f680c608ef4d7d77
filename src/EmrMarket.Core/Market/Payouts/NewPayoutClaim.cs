using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Payouts;

public sealed record NewPayoutClaim(Guid AccountId, EthAddress Patient, long OutboxId, IReadOnlyList<ClaimItem> Items);
