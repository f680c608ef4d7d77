using Dapper;
using EmrMarket.Core.Delivery;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Datasets;

public sealed class DownloadLog(NpgsqlDataSource dataSource) : IDownloadLog
{
    public async Task RecordAsync(DownloadRecord download, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into downloads (dataset_id, offer_id, account_id, wallet, range_start, range_end, at)
            values (@DatasetId, @OfferId, @AccountId, @Wallet, @RangeStart, @RangeEnd, @At)
            """, new
        {
            download.DatasetId, OfferId = (long)download.OfferId, download.AccountId, Wallet = download.Wallet.ToLowerHex(),
            download.RangeStart, download.RangeEnd, download.At,
        }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<DownloadRecord>> ForDatasetAsync(Guid datasetId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid DatasetId, long OfferId, Guid AccountId, string Wallet, long? RangeStart, long? RangeEnd, DateTime At)>(
            new CommandDefinition("""
                select dataset_id, offer_id, account_id, wallet, range_start, range_end, at from downloads
                where dataset_id = @datasetId order by at
                """, new { datasetId }, cancellationToken: cancellationToken));
        return rows.Select(r => new DownloadRecord(r.DatasetId, (ulong)r.OfferId, r.AccountId, EthAddress.Parse(r.Wallet), r.RangeStart, r.RangeEnd,
            new DateTimeOffset(r.At, TimeSpan.Zero))).ToList();
    }
}
