using System.Numerics;
using EmrMarket.Core.Chain.Indexing.Events;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain.ReadModels;

/// <summary>DataMarketplace.Purchased as indexed.</summary>
public sealed record ChainPurchase(BigInteger OfferId, EthAddress Buyer, Hash32 AgreementHash, BigInteger Price, BigInteger Fee, ulong LicenceNumber, LogPosition At);
