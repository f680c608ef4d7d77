using System.Globalization;
using System.Numerics;
using Dapper;
using EmrMarket.Core.Chain.Events;
using EmrMarket.Core.Market.Offers;
using EmrMarket.Data.Chain;
using Npgsql;

namespace EmrMarket.Data.Market;

public sealed class OfferActionRepository(NpgsqlDataSource dataSource) : IOfferActionStore
{
    private const string Select = $"""
        select a.id, a.dataset_id as DatasetId, a.offer_id as OfferId, a.kind, a.price::text as Price, a.account_id as AccountId,
               a.created_at as CreatedAt, {WriteRow.Columns},
               exists (select 1 from chain_offer_events e where e.tx_hash = o.tx_hash) as Indexed
        from offer_actions a join outbox o on o.id = a.outbox_id
        """;

    public async Task<OfferAction> RecordAsync(NewOfferAction action, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into offer_actions (dataset_id, offer_id, kind, price, outbox_id, account_id)
            values (@DatasetId, @OfferId, @Kind, @Price::numeric, @OutboxId, @AccountId)
            on conflict (outbox_id) do nothing
            """, new
        {
            action.DatasetId, OfferId = (long?)action.OfferId, Kind = action.Kind.ToString().ToLowerInvariant(),
            Price = action.Price?.ToString(CultureInfo.InvariantCulture), action.OutboxId, action.AccountId,
        }, transaction, cancellationToken: cancellationToken));
        if (action.Kind == OfferActionKind.List)
        {
            var marked = await connection.ExecuteAsync(new CommandDefinition(
                "update datasets set status = 'listing' where id = @DatasetId and status = 'built' and offer_id is null",
                new { action.DatasetId }, transaction, cancellationToken: cancellationToken));
            if (marked > 0) await ChangeNotice.SendAsync(connection, transaction, DatasetChanges([action.DatasetId]), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return (await connection.QueryAsync<ActionRow>(new CommandDefinition($"{Select} where a.outbox_id = @OutboxId", new { action.OutboxId },
            cancellationToken: cancellationToken))).Single().ToAction();
    }

    public async Task<IReadOnlyList<OfferAction>> ForDatasetsAsync(IReadOnlyCollection<Guid> datasetIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ActionRow>(new CommandDefinition($"{Select} where a.dataset_id = any(@ids) order by a.id desc",
            new { ids = datasetIds.ToArray() }, cancellationToken: cancellationToken))).Select(r => r.ToAction()).ToList();
    }

    public async Task<IReadOnlyList<Guid>> SyncDatasetsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = new List<Guid>();
        // The newest offer listing a dataset's manifest hash is its offer (a manifest names one dataset: it holds its id).
        changed.AddRange(await connection.QueryAsync<Guid>(new CommandDefinition("""
            update datasets d set offer_id = c.offer_id::bigint
            from (select distinct on (manifest_hash) manifest_hash, offer_id from chain_offers order by manifest_hash, offer_id desc) c
            where d.offer_id is null and d.manifest_hash = c.manifest_hash
            returning d.id
            """, transaction: transaction, cancellationToken: cancellationToken)));
        // A delisted offer whose dataset was replaced by a listed one is superseded, and stays so.
        changed.AddRange(await connection.QueryAsync<Guid>(new CommandDefinition("""
            update datasets d set status = s.status
            from (select d2.id, case
                         when c.status = 3 and exists (select 1 from datasets r where r.replaces_dataset_id = d2.id and r.offer_id is not null)
                              then 'superseded'
                         when c.status = 1 then 'listed' when c.status = 2 then 'paused' else 'delisted' end as status
                  from datasets d2 join chain_offers c on c.offer_id = d2.offer_id) s
            where d.id = s.id and d.status <> s.status and d.status <> 'superseded'
            returning d.id
            """, transaction: transaction, cancellationToken: cancellationToken)));
        changed.AddRange(await connection.QueryAsync<Guid>(new CommandDefinition("""
            update datasets d set status = 'built'
            where d.status = 'listing' and d.offer_id is null
              and (select o.status from offer_actions a join outbox o on o.id = a.outbox_id
                   where a.dataset_id = d.id and a.kind = 'list' order by a.id desc limit 1) = 'failed'
            returning d.id
            """, transaction: transaction, cancellationToken: cancellationToken)));
        var ids = changed.Distinct().ToList();
        if (ids.Count > 0) await ChangeNotice.SendAsync(connection, transaction, DatasetChanges(ids), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    private static ChainChangeSet DatasetChanges(IEnumerable<Guid> ids) => new(ids.Select(id => new ChainChange(ChangeKind.Dataset, id.ToString())).ToList());

    private sealed class ActionRow : WriteRow
    {
        public long Id { get; init; }
        public Guid DatasetId { get; init; }
        public long? OfferId { get; init; }
        public string Kind { get; init; } = "";
        public string? Price { get; init; }
        public Guid? AccountId { get; init; }
        public DateTime CreatedAt { get; init; }
        public bool Indexed { get; init; }

        public OfferAction ToAction() => new(Id, DatasetId, (ulong?)OfferId, Enum.Parse<OfferActionKind>(Kind, ignoreCase: true),
            Price is null ? null : BigInteger.Parse(Price, CultureInfo.InvariantCulture), AccountId, Utc(CreatedAt), Write!, Indexed);
    }
}
