using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.ReadModels;

/// <summary>The marketplace read models the indexer keeps. All lists are in chain order unless said otherwise.</summary>
public interface IMarketReadModel
{
    /// <summary>Offers, newest first; all statuses when <paramref name="status"/> is null.</summary>
    Task<IReadOnlyList<ChainOffer>> OffersAsync(OfferStatus? status, CancellationToken cancellationToken);

    Task<ChainOffer?> OfferAsync(BigInteger offerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OfferEvent>> OfferHistoryAsync(BigInteger offerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChainPurchase>> PurchasesByBuyerAsync(EthAddress buyer, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChainPurchase>> PurchasesOfOfferAsync(BigInteger offerId, CancellationToken cancellationToken);

    /// <summary>Addresses holding the offer's licence, by address.</summary>
    Task<IReadOnlyList<LicenceHolding>> LicenceHoldersAsync(BigInteger offerId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the read model says <paramref name="holder"/> holds the licence of <paramref name="offerId"/>. The
    /// download endpoint also asks the chain (DataLicense.balanceOf) at request time.
    /// </summary>
    Task<bool> HoldsLicenceAsync(EthAddress holder, BigInteger offerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChainClaim>> ClaimsByPatientAsync(EthAddress patient, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChainClaim>> ClaimsOfOfferAsync(BigInteger offerId, CancellationToken cancellationToken);
}
