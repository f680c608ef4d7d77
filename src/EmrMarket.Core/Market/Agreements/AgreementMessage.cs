using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Agreements;

/// <summary>
/// DataMarketplace's EIP-712 <c>DataUseAgreement(uint256 offerId,address buyer,bytes32 manifestHash,uint64 purpose,
/// address token,uint256 price,bytes32 termsHash,uint64 signedAt)</c> (contracts/README.md, "EIP-712 signatures").
/// </summary>
public sealed record AgreementMessage(
    BigInteger OfferId,
    EthAddress Buyer,
    Hash32 ManifestHash,
    ulong Purpose,
    EthAddress Token,
    BigInteger Price,
    Hash32 TermsHash,
    ulong SignedAt);
