using System.Numerics;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>A researcher's purchase and where it stands.</summary>
/// <param name="MaxPrice">The price the researcher accepted (the permit's value and purchaseWithPermit's maxPrice).</param>
/// <param name="AgreementHash">The EIP-712 digest of the signed data use agreement (Purchased.agreementHash on chain).</param>
/// <param name="FromWallet">Signed in the researcher's own wallet, which sends the transaction itself.</param>
/// <param name="Write">The outbox row that sends it (null for an external wallet).</param>
/// <param name="Licence">The indexed purchase, once the indexer has read it.</param>
public sealed record PurchaseView(
    long Id,
    Guid AccountId,
    ulong OfferId,
    EthAddress Buyer,
    EthAddress Token,
    BigInteger MaxPrice,
    Hash32 AgreementHash,
    string TermsVersion,
    bool FromWallet,
    DateTimeOffset CreatedAt,
    ChainWrite? Write,
    LicensedPurchase? Licence)
{
    public PurchaseStatus Status => Licence is not null ? PurchaseStatus.Licensed : Write switch
    {
        null => FromWallet ? PurchaseStatus.AwaitingWallet : PurchaseStatus.Pending,
        { Status: OutboxStatus.Confirmed } => PurchaseStatus.Licensed,
        { Status: OutboxStatus.Failed } => PurchaseStatus.Failed,
        _ => PurchaseStatus.Pending,
    };

    /// <summary>Why it failed, in words (price changed, sold out, paused, permit expired…).</summary>
    public string? Error => Status == PurchaseStatus.Failed ? Write?.Error : null;

    public bool IsOpen => Status is PurchaseStatus.Pending;
}
