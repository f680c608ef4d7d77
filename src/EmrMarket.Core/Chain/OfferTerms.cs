using System.Numerics;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Chain;

/// <summary>
/// DataMarketplace's <c>OfferTerms</c> tuple (contracts/README.md, "Offers"): what listOffer takes and OfferListed
/// reports. <see cref="LicenceCap"/> and <see cref="EndTime"/> 0 mean none.
/// </summary>
public sealed record OfferTerms(
    Hash32 ManifestHash,
    Hash32 RowsRoot,
    Hash32 PayoutRoot,
    BigInteger TotalWeight,
    ulong Purpose,
    EthAddress Token,
    BigInteger Price,
    uint LicenceCap,
    ulong EndTime)
{
    /// <summary>The ABI tuple, for encoding <c>listOffer(terms, replacesOfferId)</c>.</summary>
    public object?[] ToAbi() => [ManifestHash, RowsRoot, PayoutRoot, TotalWeight, Purpose, Token, Price, LicenceCap, EndTime];

    /// <summary>Reads the decoded tuple.</summary>
    public static OfferTerms FromAbi(object?[] tuple) => new(
        AbiValues.Hash(tuple[0]), AbiValues.Hash(tuple[1]), AbiValues.Hash(tuple[2]), (BigInteger)tuple[3]!,
        (ulong)(BigInteger)tuple[4]!, (EthAddress)tuple[5]!, (BigInteger)tuple[6]!, (uint)(BigInteger)tuple[7]!, (ulong)(BigInteger)tuple[8]!);
}
