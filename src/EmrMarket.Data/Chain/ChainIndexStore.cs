using Dapper;
using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Chain;

/// <summary>
/// The indexer's cursor, block hashes and read models. Each range is applied in one transaction that first moves
/// the cursor (only if it is still where the indexer read from) and ends with the change notification.
/// </summary>
public sealed class ChainIndexStore(NpgsqlDataSource dataSource) : IChainIndexStore
{
    private const string LockName = "emr:indexer";

    /// <summary>Every read-model table, for resets and for comparing rebuilds.</summary>
    public static readonly IReadOnlyList<string> Tables =
    [
        "chain_blocks", "chain_consent_history", "chain_consents", "chain_consent_skips", "chain_anchors", "chain_offer_events",
        "chain_offers", "chain_purchases", "chain_claims", "chain_licence_transfers", "chain_licences",
    ];

    public async Task<IndexCursor?> GetCursorAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Key, long Block, byte[] Hash, DateTime Time)>(new CommandDefinition("""
            select c.deployment_key, c.block_number, c.block_hash, coalesce(b.block_time, now())
            from chain_cursor c left join chain_blocks b on b.block_number = c.block_number
            where c.id = 1
            """, cancellationToken: cancellationToken));
        return row.Key is null ? null : new IndexCursor(row.Key, Block(row.Block, row.Hash, row.Time));
    }

    public async Task ResetAsync(string deploymentKey, IndexedBlock start, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"""
            truncate {string.Join(", ", Tables)};
            delete from chain_cursor;
            insert into chain_cursor (id, deployment_key, block_number, block_hash) values (1, @deploymentKey, @number, @hash);
            insert into chain_blocks (block_number, block_hash, block_time) values (@number, @hash, @time);
            """, new { deploymentKey, number = (long)start.Number, hash = start.Hash.ToArray(), time = start.Time },
            transaction, cancellationToken: cancellationToken));
        await ChangeNotice.SendAsync(connection, transaction, new ChainChangeSet([new ChainChange(ChangeKind.Reset, null)], start.Number), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> ApplyAsync(IndexedRange range, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var moved = await connection.ExecuteAsync(new CommandDefinition("""
            update chain_cursor set block_number = @to, block_hash = @hash, updated_at = now() where id = 1 and block_number = @expected
            """, new { to = (long)range.To.Number, hash = range.To.Hash.ToArray(), expected = (long)range.FromBlock - 1 },
            transaction, cancellationToken: cancellationToken));
        if (moved != 1) return false;

        var blocks = range.Blocks;
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into chain_blocks (block_number, block_hash, block_time)
            select * from unnest(@numbers::bigint[], @hashes::bytea[], @times::timestamptz[])
            on conflict (block_number) do update set block_hash = excluded.block_hash, block_time = excluded.block_time
            """, new
            {
                numbers = blocks.Select(b => (long)b.Number).ToArray(), hashes = blocks.Select(b => b.Hash.ToArray()).ToArray(),
                times = blocks.Select(b => b.Time).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
        await ConsentProjection.ApplyAsync(connection, transaction, range, cancellationToken);
        await MarketProjection.ApplyAsync(connection, transaction, range, cancellationToken);
        if (range.Anchors.Count > 0)
        {
            var a = range.Anchors;
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into chain_anchors (root, provider, record_count, anchored_at, block_number, log_index, block_time, tx_hash)
                select * from unnest(@roots::bytea[], @providers::text[], @counts::bigint[], @anchoredAt::bigint[], @blocks::bigint[], @logs::int[],
                    @times::timestamptz[], @txs::bytea[])
                """, new
                {
                    roots = a.Select(e => e.Root.ToArray()).ToArray(), providers = a.Select(e => e.Provider.ToLowerHex()).ToArray(),
                    counts = a.Select(e => (long)e.RecordCount).ToArray(), anchoredAt = a.Select(e => (long)e.AnchoredAt).ToArray(),
                    blocks = a.Select(e => (long)e.At.BlockNumber).ToArray(), logs = a.Select(e => e.At.LogIndex).ToArray(),
                    times = a.Select(e => e.At.BlockTime).ToArray(), txs = a.Select(e => e.At.TransactionHash.ToArray()).ToArray(),
                }, transaction, cancellationToken: cancellationToken));
        }
        await ChangeNotice.SendAsync(connection, transaction, range.Changes(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<IndexedBlock>> BlocksAsync(ulong atOrBelow, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Number, byte[] Hash, DateTime Time)>(new CommandDefinition("""
            select block_number, block_hash, block_time from chain_blocks where block_number <= @atOrBelow order by block_number desc limit @limit
            """, new { atOrBelow = (long)atOrBelow, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => Block(r.Number, r.Hash, r.Time)).ToList();
    }

    public async Task RewindAsync(IndexedBlock keep, CancellationToken cancellationToken)
    {
        var fork = (long)keep.Number + 1;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update chain_cursor set block_number = @number, block_hash = @hash, updated_at = now() where id = 1",
            new { number = (long)keep.Number, hash = keep.Hash.ToArray() }, transaction, cancellationToken: cancellationToken));
        await ConsentProjection.RewindAsync(connection, transaction, fork, cancellationToken);
        await MarketProjection.RewindAsync(connection, transaction, fork, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            delete from chain_anchors where block_number >= @fork;
            delete from chain_blocks where block_number >= @fork;
            """, new { fork }, transaction, cancellationToken: cancellationToken));
        await ChangeNotice.SendAsync(connection, transaction, new ChainChangeSet([new ChainChange(ChangeKind.Reset, null)], keep.Number), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
            counts[table] = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"select count(*) from {table}", cancellationToken: cancellationToken));
        return counts;
    }

    public async Task<IAsyncDisposable?> TryLockAsync(CancellationToken cancellationToken)
    {
        var connection = await AdvisoryLocks.TryTakeAsync(dataSource, LockName, cancellationToken);
        return connection is null ? null : new AdvisoryLocks.Held(connection, LockName);
    }

    private static IndexedBlock Block(long number, byte[] hash, DateTime time) =>
        new((ulong)number, new Hash32(hash), new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)));
}
