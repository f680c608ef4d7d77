namespace EmrMarket.Core.Delivery;

public interface IDownloadLog
{
    Task RecordAsync(DownloadRecord download, CancellationToken cancellationToken);

    Task<IReadOnlyList<DownloadRecord>> ForDatasetAsync(Guid datasetId, CancellationToken cancellationToken);
}
