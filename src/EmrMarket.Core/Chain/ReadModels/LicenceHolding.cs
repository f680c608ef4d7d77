using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.ReadModels;

/// <summary>An address's balance of an offer's licence (ERC-1155 token id = offer id).</summary>
public sealed record LicenceHolding(BigInteger OfferId, EthAddress Holder, BigInteger Balance, ulong UpdatedBlock);
