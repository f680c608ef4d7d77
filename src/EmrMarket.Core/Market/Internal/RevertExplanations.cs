namespace EmrMarket.Core.Market.Internal;

/// <summary>Why a marketplace write failed, in words for the person who asked for it, from the decoded revert.</summary>
internal static class RevertExplanations
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["DataMarketplacePriceAboveLimit"] = "the price changed after you accepted it; nothing was charged: review the new price and buy again",
        ["DataMarketplaceSoldOut"] = "sold out: every licence of this offer is taken",
        ["DataMarketplaceOfferNotActive"] = "the offer is paused or delisted",
        ["DataMarketplaceOfferEnded"] = "the offer has ended",
        ["DataMarketplaceUnknownOffer"] = "there is no such offer on chain",
        ["DataMarketplaceMissingAgreement"] = "the purchase carried no data use agreement",
        ["EnforcedPause"] = "sales are paused on the whole marketplace",
        ["ERC20InsufficientBalance"] = "the wallet's token balance is below the price",
        ["ERC20InsufficientAllowance"] = "the payment authorisation (permit) was not accepted, perhaps because it expired: buy again",
        ["DataMarketplaceInvalidProof"] = "the payout proof does not match the offer's payout root",
        ["DataMarketplaceWeightExceedsTotal"] = "the payout weight is above the offer's total weight",
        ["DataMarketplacePoolExceeded"] = "the claim is larger than what is left in the offer's pool",
        ["DataMarketplaceNoClaims"] = "the claim named no offer",
        ["AccessControlUnauthorizedAccount"] = "the platform's curator key does not hold CURATOR_ROLE on the marketplace",
        ["DataMarketplaceInvalidTransition"] = "the offer is not in a state that allows this change",
        ["DataMarketplaceEndTimePassed"] = "the end time had passed before the listing reached the chain",
        ["DataMarketplaceInvalidToken"] = "the payment token is not a contract on this chain",
        ["DataMarketplaceZeroPrice"] = "a price of zero is not allowed",
        ["DataMarketplaceMissingCommitment"] = "the dataset's commitments (manifest hash, rows root, payout root) are missing",
        ["DataMarketplaceZeroTotalWeight"] = "the payout tree has no weight",
        ["DataMarketplaceInvalidPurpose"] = "the dataset's purpose is not a defined purpose",
    };

    /// <summary>A sentence for a failed write: the known meaning of its revert, with the decoded call, or the node's error.</summary>
    public static string Explain(string? revertError, string? revertReason, string? lastError)
    {
        if (revertError is not null && Texts.TryGetValue(revertError, out var text)) return $"{text} ({revertReason ?? revertError})";
        if (revertReason is not null) return $"the chain refused it: {revertReason}";
        return lastError ?? "the transaction failed";
    }
}
