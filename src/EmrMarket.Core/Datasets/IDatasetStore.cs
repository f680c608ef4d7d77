using EmrMarket.Ledger.Primitives;

namespace EmrMarket.Core.Datasets;

public interface IDatasetStore
{
    /// <summary>Stores a dataset with who is in it and its payout leaves, in one transaction.</summary>
    Task SaveAsync(DatasetRecord dataset, IReadOnlyList<(Guid PatientId, EthAddress Wallet)> patients, IReadOnlyList<PayoutLeaf> payouts,
        CancellationToken cancellationToken);

    Task<DatasetRecord?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<DatasetRecord?> FindByOfferAsync(ulong offerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DatasetRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The payout leaves, in leaf order (to rebuild the tree and prove a claim).</summary>
    Task<IReadOnlyList<PayoutLeaf>> PayoutsAsync(Guid datasetId, CancellationToken cancellationToken);

    /// <summary>Datasets a wallet is in (its payout leaf).</summary>
    Task<IReadOnlyList<Guid>> DatasetsOfAsync(EthAddress wallet, CancellationToken cancellationToken);

    Task SetStatusAsync(Guid id, string status, ulong? offerId, CancellationToken cancellationToken);
}
