using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>The data_use_agreements and purchases tables.</summary>
public interface IPurchaseStore
{
    /// <summary>
    /// Under a per-buyer lock: returns the buyer's open custodial purchase of the offer if there is one (a repeated
    /// request); otherwise calls <paramref name="prepare"/> with how many of the buyer's custodial permits on
    /// <paramref name="token"/> are still unsettled (they hold the next permit nonces) and stores the agreement and
    /// the purchase it returns, in one transaction.
    /// </summary>
    Task<PurchaseView> InsertCustodialAsync(Guid accountId, ulong offerId, EthAddress buyer, EthAddress token,
        Func<int, (NewAgreement Agreement, NewPurchase Purchase)> prepare, CancellationToken cancellationToken);

    /// <summary>Stores an agreement signed in an external wallet and the purchase call handed back to it.</summary>
    Task<PurchaseView> InsertFromWalletAsync(NewAgreement agreement, NewPurchase purchase, CancellationToken cancellationToken);

    Task SetOutboxAsync(long purchaseId, long outboxId, CancellationToken cancellationToken);

    Task<PurchaseView?> GetAsync(long purchaseId, CancellationToken cancellationToken);

    /// <summary>The account's purchases, newest first.</summary>
    Task<IReadOnlyList<PurchaseView>> ForAccountAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>Custodial purchases that have no outbox row.</summary>
    Task<IReadOnlyList<UnsentPurchase>> UnsentAsync(CancellationToken cancellationToken);

    /// <summary>The agreement with this digest (a Purchased event's agreementHash), or null.</summary>
    Task<StoredAgreement?> AgreementAsync(Hash32 digest, CancellationToken cancellationToken);
}
