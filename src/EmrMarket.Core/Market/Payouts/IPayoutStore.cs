using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Payouts;

/// <summary>Earnings from the payout leaves and the indexed offers and claims; the payout_claims table.</summary>
public interface IPayoutStore
{
    /// <summary>One row per dataset whose payout tree has a leaf for <paramref name="wallet"/>, oldest dataset first.</summary>
    Task<IReadOnlyList<Earning>> EarningsAsync(EthAddress wallet, CancellationToken cancellationToken);

    /// <summary>Stores a claim (the same outbox row again returns the stored one).</summary>
    Task<PayoutClaimView> InsertClaimAsync(NewPayoutClaim claim, CancellationToken cancellationToken);

    /// <summary>The account's claims, newest first.</summary>
    Task<IReadOnlyList<PayoutClaimView>> ClaimsAsync(Guid accountId, int limit, CancellationToken cancellationToken);
}
