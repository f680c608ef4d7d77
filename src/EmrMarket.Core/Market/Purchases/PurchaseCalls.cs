using System.Numerics;
using EmrMarket.Core.Chain;
using EmrMarket.Ledger.Abi;
using EmrMarket.Ledger.Crypto;
using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Market.Purchases;

/// <summary>The DataMarketplace purchase calls, ABI-encoded.</summary>
public static class PurchaseCalls
{
    private static readonly ContractAbi Marketplace = ChainContracts.Abi(ContractArtifacts.DataMarketplace);

    /// <summary>
    /// <c>purchaseWithPermit(offerId, agreementHash, maxPrice, deadline, v, r, s)</c>: the permit (EIP-2612, value =
    /// maxPrice, spender = the marketplace) and the purchase in one transaction from the buyer.
    /// </summary>
    public static byte[] PurchaseWithPermit(BigInteger offerId, Hash32 agreementHash, BigInteger maxPrice, BigInteger deadline, Signature permit)
    {
        var bytes = permit.ToBytes();
        return Marketplace.Encode("purchaseWithPermit", offerId, agreementHash, maxPrice, deadline, bytes[64], bytes[..32], bytes[32..64]);
    }
}
