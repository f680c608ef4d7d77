using EmrMarket.Core.Market.Agreements;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>A signed data use agreement to store: the message, its digest and signature, and whose key signed it.</summary>
public sealed record NewAgreement(Guid AccountId, AgreementMessage Message, string TermsVersion, Hash32 Digest, byte[] Signature, bool FromWallet);
