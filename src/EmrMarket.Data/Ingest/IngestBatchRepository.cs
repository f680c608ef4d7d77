using Dapper;
using EmrMarket.Core.Ingest;
using EmrMarket.Fhir.Canonical;
using Npgsql;

namespace EmrMarket.Data.Ingest;

/// <summary>Batches and their leaves, for anchoring and per-record Merkle proofs.</summary>
public sealed class IngestBatchRepository(NpgsqlDataSource dataSource) : IIngestBatches
{
    public async Task<IReadOnlyList<ContentHash>> LeavesAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var hashes = await connection.QueryAsync<byte[]>(new CommandDefinition(
            "select content_hash from records where batch_id = @batchId order by leaf_index", new { batchId }, cancellationToken: cancellationToken));
        return hashes.Select(h => ContentHash.FromBytes(h)).ToList();
    }

    public async Task<RecordLeaf?> FindLeafAsync(Guid recordId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, Guid BatchId, int LeafIndex, byte[] Hash)>(new CommandDefinition(
            "select id, batch_id, leaf_index, content_hash from records where id = @recordId", new { recordId }, cancellationToken: cancellationToken));
        return rows.Select(r => new RecordLeaf(r.Id, r.BatchId, r.LeafIndex, ContentHash.FromBytes(r.Hash))).FirstOrDefault();
    }

    public async Task<IReadOnlyList<IngestBatch>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, Guid ProviderId, int RecordCount, DateTime ClosedAt)>(new CommandDefinition("""
            select id, provider_id, record_count, closed_at from ingest_batches
            where status = 'closed' and anchor_status <> 'confirmed' order by created_at
            """, cancellationToken: cancellationToken));
        return rows.Select(r => new IngestBatch(r.Id, r.ProviderId, r.RecordCount, new DateTimeOffset(r.ClosedAt, TimeSpan.Zero))).ToList();
    }

    public async Task MarkAnchoredAsync(Guid batchId, byte[] merkleRoot, byte[] transactionHash, long block, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            update ingest_batches set merkle_root = @merkleRoot, anchor_tx_hash = @transactionHash, anchor_block = @block,
                anchor_status = 'confirmed', anchored_at = now()
            where id = @batchId
            """, new { batchId, merkleRoot, transactionHash, block }, cancellationToken: cancellationToken));
    }
}
