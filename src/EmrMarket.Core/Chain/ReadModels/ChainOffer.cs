using System.Numerics;
using EmrMarket.Core.Chain.Indexing.Events;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.ReadModels;

/// <summary>An offer as the chain has it now: its listed terms, current price and status, and its sales and payouts.</summary>
/// <param name="ReplacesOfferId">The offer this one superseded (0 for none).</param>
/// <param name="PoolTotal">Everything buyers paid into the patients' pool (prices minus fees).</param>
/// <param name="ClaimedTotal">What patients have claimed from it.</param>
/// <param name="UpdatedBlock">The last block with an event about it.</param>
/// <param name="Listed">Where it was listed.</param>
public sealed record ChainOffer(
    BigInteger OfferId,
    EthAddress Curator,
    BigInteger ReplacesOfferId,
    OfferTerms Terms,
    BigInteger Price,
    OfferStatus Status,
    ulong LicencesSold,
    BigInteger PoolTotal,
    BigInteger ClaimedTotal,
    ulong UpdatedBlock,
    LogPosition Listed);
