using System.Numerics;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.Outbox;
using EmrMarket.Ledger.Abi;

namespace EmrMarket.Core.Revocation.Internal;

/// <summary>
/// The curator's pauseOffer and listOffer as outbox rows, under keys of their own (<c>revocation:…</c>). To be folded
/// into the offer use cases (OfferService) once they exist on main.
/// </summary>
internal static class RevocationWrites
{
    public const string PauseKind = "revocation-pause";
    public const string ListKind = "revocation-list";

    private static readonly ContractAbi Marketplace = ChainContracts.Abi(ContractArtifacts.DataMarketplace);

    public static OutboxRequest Pause(ChainContracts contracts, ulong offerId, int attempt) => new(
        $"revocation:pause:{offerId}:{attempt}", PauseKind, OutboxSigner.Curator, contracts.DataMarketplace,
        Marketplace.Function("pauseOffer").Encode([new BigInteger(offerId)]));

    public static OutboxRequest List(ChainContracts contracts, OfferTerms terms, ulong replacesOfferId, Guid newDatasetId) => new(
        $"revocation:list:{replacesOfferId}:{newDatasetId}", ListKind, OutboxSigner.Curator, contracts.DataMarketplace,
        Marketplace.Function("listOffer").Encode([terms.ToAbi(), new BigInteger(replacesOfferId)]));
}
