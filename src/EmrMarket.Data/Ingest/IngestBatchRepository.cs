using Dapper;
using EmrMarket.Core.Ingest;
using EmrMarket.Fhir.Canonical;
using Npgsql;

namespace EmrMarket.Data.Ingest;

/// <summary>Batches and their leaves, for anchoring and per-record Merkle proofs.</summary>
public sealed class IngestBatchRepository(NpgsqlDataSource dataSource) : IIngestBatches
{
    public async Task<byte[]> LeafHashesAsync(Guid batchId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var count = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*) from records where batch_id = @batchId", new { batchId }, cancellationToken: cancellationToken));
        var hashes = new byte[count * 32];
        await using var command = new NpgsqlCommand("select content_hash from records where batch_id = @batchId order by leaf_index", connection);
        command.Parameters.AddWithValue("batchId", batchId);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
        {
            if (reader.GetBytes(0, 0, hashes, i * 32, 32) != 32) throw new InvalidDataException($"batch {batchId}: leaf {i} is not a 32-byte hash");
        }
        return hashes;
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
