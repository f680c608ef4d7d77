using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Datasets;

namespace EmrMarket.Core.Market.Offers;

/// <summary>What the curator page shows per dataset: the dataset, its offer as the chain has it, and the actions asked for.</summary>
/// <param name="Offer">The indexed offer (price, status, sales, pool), or null while it is not listed.</param>
/// <param name="Actions">Newest first, each with its outbox status and, when it failed, why.</param>
public sealed record CuratorDatasetView(DatasetRecord Dataset, ChainOffer? Offer, IReadOnlyList<OfferAction> Actions)
{
    /// <summary>The action still on its way to the chain, if any (only one at a time per dataset).</summary>
    public OfferAction? Pending => Actions.FirstOrDefault(a => a.IsPending);

    /// <summary>The newest action, when it failed: what the curator should see next to the dataset.</summary>
    public OfferAction? Failed => Actions.FirstOrDefault() is { Write.Status: Chain.Outbox.OutboxStatus.Failed } last ? last : null;
}
