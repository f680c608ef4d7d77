using Dapper;
using EmrMarket.Core.Anchoring;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Anchoring;

public sealed class BatchAnchorRepository(NpgsqlDataSource dataSource) : IBatchAnchorStore
{
    public async Task<BatchAnchorRecord?> FindAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid BatchId, Guid ProviderId, byte[] Root, int RecordCount, long OutboxId)>(new CommandDefinition(
            "select batch_id, provider_id, merkle_root, record_count, outbox_id from batch_anchors where batch_id = @batchId",
            new { batchId }, cancellationToken: cancellationToken));
        return rows.Select(r => new BatchAnchorRecord(r.BatchId, r.ProviderId, new Hash32(r.Root), r.RecordCount, r.OutboxId)).FirstOrDefault();
    }

    public async Task InsertAsync(BatchAnchorRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into batch_anchors (batch_id, provider_id, merkle_root, record_count, outbox_id)
            values (@BatchId, @ProviderId, @root, @RecordCount, @OutboxId)
            on conflict (batch_id) do nothing
            """, new { record.BatchId, record.ProviderId, root = record.Root.ToArray(), record.RecordCount, record.OutboxId },
            cancellationToken: cancellationToken));
    }
}
