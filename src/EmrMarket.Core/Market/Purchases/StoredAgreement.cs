using EmrMarket.Core.Market.Agreements;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>A data use agreement as stored: who signed which terms for which offer, the digest the chain records, the signature.</summary>
public sealed record StoredAgreement(long Id, Guid AccountId, AgreementMessage Message, string TermsVersion, Hash32 Digest, byte[] Signature,
    bool FromWallet, DateTimeOffset CreatedAt);
