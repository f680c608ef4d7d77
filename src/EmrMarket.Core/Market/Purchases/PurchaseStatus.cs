namespace EmrMarket.Core.Market.Purchases;

public enum PurchaseStatus
{
    /// <summary>Signed and queued (or on its way to a block).</summary>
    Pending,

    /// <summary>An external wallet signed the agreement; the wallet has not sent the transaction yet (or it is not indexed).</summary>
    AwaitingWallet,

    /// <summary>The purchase is on chain: the buyer holds the licence.</summary>
    Licensed,

    /// <summary>The chain refused it (price changed, sold out, paused…); nothing was charged.</summary>
    Failed,
}
