using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>A custodial purchase stored without its outbox row (the app stopped in between): resent by <see cref="MarketWorker"/>.</summary>
public sealed record UnsentPurchase(long Id, Guid AccountId, Hash32 AgreementHash, byte[] CallData);
