using System.Numerics;
using EmrMarket.Core.Market.Agreements;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>What buying an offer costs, shown before the researcher accepts: price, fee, the patients' part, balance, gas.</summary>
/// <param name="FeeBps">The platform fee in basis points (the contract's feeBps now).</param>
/// <param name="ToPatients">Price minus fee: what goes into the patients' pool.</param>
/// <param name="Gas">The purchase's gas (paid by the platform for a custodial wallet); null when it cannot be estimated now.</param>
/// <param name="CannotBuy">Why the purchase would fail now (paused, sold out, ended, balance too low, already licensed…), or null.</param>
/// <param name="Terms">The data use agreement to accept.</param>
public sealed record PurchaseQuote(
    ulong OfferId,
    Guid? DatasetId,
    string Title,
    ulong Purpose,
    TokenInfo Token,
    BigInteger Price,
    int FeeBps,
    BigInteger Fee,
    BigInteger ToPatients,
    EthAddress Buyer,
    bool ExternalWallet,
    BigInteger Balance,
    GasEstimate? Gas,
    string? CannotBuy,
    AgreementTerms Terms)
{
    public bool CanBuy => CannotBuy is null;
}
