using Dapper;
using EmrMarket.Core.Anchoring;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Chain;

public sealed class AnchorReadRepository(NpgsqlDataSource dataSource) : IAnchorReadModel
{
    private const string Columns = $"root, provider, record_count as RecordCount, anchored_at as AnchoredAt, {ReadModelRows.PositionColumns}";

    public async Task<ChainAnchor?> FindAsync(Hash32 root, CancellationToken cancellationToken) =>
        (await QueryAsync($"select {Columns} from chain_anchors where root = @root", new { root = root.ToArray() }, cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<ChainAnchor>> ByProviderAsync(EthAddress provider, CancellationToken cancellationToken) =>
        await QueryAsync($"select {Columns} from chain_anchors where provider = @provider order by block_number desc, log_index desc",
            new { provider = provider.ToLowerHex() }, cancellationToken);

    private async Task<IReadOnlyList<ChainAnchor>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new ChainAnchor(new Hash32(r.Root), EthAddress.Parse(r.Provider), (uint)r.RecordCount, (ulong)r.AnchoredAt,
            ReadModelRows.Position(r.BlockNumber, r.LogIndex, r.BlockTime, r.TxHash))).ToList();
    }

    private sealed class Row
    {
        public byte[] Root { get; init; } = [];
        public string Provider { get; init; } = "";
        public long RecordCount { get; init; }
        public long AnchoredAt { get; init; }
        public long BlockNumber { get; init; }
        public int LogIndex { get; init; }
        public DateTime BlockTime { get; init; }
        public byte[] TxHash { get; init; } = [];
    }
}
