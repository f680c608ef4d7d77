using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.Indexing.Events;

/// <summary>DataMarketplace.Purchased.</summary>
public sealed record Purchased(LogPosition At, BigInteger OfferId, EthAddress Buyer, Hash32 AgreementHash, BigInteger Price, BigInteger Fee, uint LicenceNumber);
