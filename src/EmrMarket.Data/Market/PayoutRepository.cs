using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Dapper;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Core.Market.Payouts;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Market;

public sealed class PayoutRepository(NpgsqlDataSource dataSource) : IPayoutStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<Earning>> EarningsAsync(EthAddress wallet, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<EarningRow>(new CommandDefinition("""
            select d.id as DatasetId, d.title, d.purposes, d.status as DatasetStatus, d.offer_id as OfferId, c.status as OfferStatus, c.token,
                   p.leaf_index as LeafIndex, p.weight::text as Weight, d.total_weight::text as TotalWeight,
                   coalesce(c.pool_total, 0)::text as Pool, c.payout_root as OfferPayoutRoot,
                   coalesce((select max(cc.total_claimed) from chain_claims cc where cc.offer_id = c.offer_id and cc.patient = p.wallet), 0)::text as Claimed
            from dataset_payouts p
            join datasets d on d.id = p.dataset_id
            left join chain_offers c on c.offer_id = d.offer_id
            where p.wallet = @wallet
            order by d.created_at, d.id
            """, new { wallet = wallet.ToLowerHex() }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEarning()).ToList();
    }

    public async Task<PayoutClaimView> InsertClaimAsync(NewPayoutClaim claim, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into payout_claims (account_id, patient, outbox_id, items) values (@account, @patient, @outbox, @items::jsonb)
            on conflict (outbox_id) do nothing
            """, new
        {
            account = claim.AccountId, patient = claim.Patient.ToLowerHex(), outbox = claim.OutboxId,
            items = JsonSerializer.Serialize(claim.Items.Select(ItemJson.From), Json),
        }, cancellationToken: cancellationToken));
        return (await QueryAsync(connection, "where c.outbox_id = @outbox", new { outbox = claim.OutboxId }, cancellationToken)).Single();
    }

    public async Task<IReadOnlyList<PayoutClaimView>> ClaimsAsync(Guid accountId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await QueryAsync(connection, "where c.account_id = @accountId order by c.id desc limit @limit", new { accountId, limit }, cancellationToken);
    }

    private static async Task<IReadOnlyList<PayoutClaimView>> QueryAsync(NpgsqlConnection connection, string where, object parameters,
        CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ClaimRow>(new CommandDefinition($"""
            select c.id, c.account_id as AccountId, c.patient, c.items::text as Items, c.created_at as CreatedAt, {WriteRow.Columns},
                   exists (select 1 from chain_claims cc where cc.tx_hash = o.tx_hash) as Indexed
            from payout_claims c join outbox o on o.id = c.outbox_id {where}
            """, parameters, cancellationToken: cancellationToken))).Select(r => r.ToView()).ToList();

    private static BigInteger Big(string text) => BigInteger.Parse(text, CultureInfo.InvariantCulture);

    private sealed record ItemJson(string OfferId, Guid DatasetId, string Token, string Weight, string Entitlement, string Amount, string[] Proof)
    {
        public static ItemJson From(ClaimItem i) => new(i.OfferId.ToString(CultureInfo.InvariantCulture), i.DatasetId, i.Token.ToLowerHex(),
            i.Weight.ToString(CultureInfo.InvariantCulture), i.Entitlement.ToString(CultureInfo.InvariantCulture), i.Amount.ToString(CultureInfo.InvariantCulture),
            i.Proof.Select(h => h.ToString()).ToArray());

        public ClaimItem ToItem() => new(ulong.Parse(OfferId, CultureInfo.InvariantCulture), DatasetId, EthAddress.Parse(Token), Big(Weight), Big(Entitlement),
            Big(Amount), Proof.Select(Hash32.Parse).ToList());
    }

    private sealed class EarningRow
    {
        public Guid DatasetId { get; init; }
        public string Title { get; init; } = "";
        public long Purposes { get; init; }
        public string DatasetStatus { get; init; } = "";
        public long? OfferId { get; init; }
        public short? OfferStatus { get; init; }
        public string? Token { get; init; }
        public int LeafIndex { get; init; }
        public string Weight { get; init; } = "0";
        public string TotalWeight { get; init; } = "0";
        public string Pool { get; init; } = "0";
        public byte[]? OfferPayoutRoot { get; init; }
        public string Claimed { get; init; } = "0";

        public Earning ToEarning() => new(DatasetId, Title, (ulong)Purposes, DatasetStatus, (ulong?)OfferId, (OfferStatus?)OfferStatus,
            Token is null ? null : EthAddress.Parse(Token), LeafIndex, Big(Weight), Big(TotalWeight), Big(Pool), Big(Claimed),
            OfferPayoutRoot is null ? null : new Hash32(OfferPayoutRoot));
    }

    private sealed class ClaimRow : WriteRow
    {
        public long Id { get; init; }
        public Guid AccountId { get; init; }
        public string Patient { get; init; } = "";
        public string Items { get; init; } = "[]";
        public DateTime CreatedAt { get; init; }
        public bool Indexed { get; init; }

        public PayoutClaimView ToView() => new(Id, AccountId, EthAddress.Parse(Patient),
            JsonSerializer.Deserialize<ItemJson[]>(Items, Json)!.Select(i => i.ToItem()).ToList(), Utc(CreatedAt), Write!, Indexed);
    }
}
