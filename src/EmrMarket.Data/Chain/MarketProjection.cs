using System.Globalization;
using System.Numerics;
using Dapper;
using EmrMarket.Core.Chain.Indexing;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Chain;

/// <summary>
/// The marketplace read models: offer events, purchases, claims and licence transfers as logged, and the offers
/// and licence balances derived from them. Derived rows are recomputed from the logged ones for every offer or
/// holder a range (or a rewind) touches, so they never depend on how the chain was cut into ranges.
/// </summary>
internal static class MarketProjection
{
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IndexedRange range, CancellationToken cancellationToken)
    {
        var events = range.Listings.Select(e => new OfferEventRow(e.At, e.OfferId, "listed", e.Curator, e.Terms.Price, 1))
            .Concat(range.PriceChanges.Select(e => new OfferEventRow(e.At, e.OfferId, "price", e.Curator, e.NewPrice, null)))
            .Concat(range.StatusChanges.Select(e => new OfferEventRow(e.At, e.OfferId, "status", e.Curator, null, e.Status)))
            .ToList();
        if (events.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into chain_offer_events (block_number, log_index, block_time, tx_hash, offer_id, kind, curator, price, status)
                select * from unnest(@blocks::bigint[], @logs::int[], @times::timestamptz[], @txs::bytea[], @offers::numeric[], @kinds::text[],
                    @curators::text[], @prices::numeric[], @statuses::smallint[])
                """,
                new
                {
                    blocks = events.Select(e => (long)e.At.BlockNumber).ToArray(), logs = events.Select(e => e.At.LogIndex).ToArray(),
                    times = events.Select(e => e.At.BlockTime).ToArray(), txs = events.Select(e => e.At.TransactionHash.ToArray()).ToArray(),
                    offers = events.Select(e => Text(e.OfferId)).ToArray(), kinds = events.Select(e => e.Kind).ToArray(),
                    curators = events.Select(e => e.Curator.ToLowerHex()).ToArray(), prices = events.Select(e => e.Price is { } p ? Text(p) : null).ToArray(),
                    statuses = events.Select(e => (short?)e.Status).ToArray(),
                }, transaction, cancellationToken: cancellationToken));
        }
        foreach (var e in range.Listings)
        {
            var t = e.Terms;
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into chain_offers (offer_id, curator, replaces_offer_id, manifest_hash, rows_root, payout_root, total_weight, purpose, token,
                    listed_price, licence_cap, end_time, price, status, licences_sold, pool_total, claimed_total, updated_block,
                    block_number, log_index, block_time, tx_hash)
                values (@offer::numeric, @curator, @replaces::numeric, @manifest, @rows, @payout, @weight::numeric, @purpose, @token,
                    @price::numeric, @cap, @endTime, @price::numeric, 1, 0, 0, 0, @block, @block, @log, @time, @tx)
                """,
                new
                {
                    offer = Text(e.OfferId), curator = e.Curator.ToLowerHex(), replaces = Text(e.ReplacesOfferId), manifest = t.ManifestHash.ToArray(),
                    rows = t.RowsRoot.ToArray(), payout = t.PayoutRoot.ToArray(), weight = Text(t.TotalWeight), purpose = (long)t.Purpose,
                    token = t.Token.ToLowerHex(), price = Text(t.Price), cap = (long)t.LicenceCap, endTime = (long)t.EndTime,
                    block = (long)e.At.BlockNumber, log = e.At.LogIndex, time = e.At.BlockTime, tx = e.At.TransactionHash.ToArray(),
                }, transaction, cancellationToken: cancellationToken));
        }
        if (range.Purchases.Count > 0)
        {
            var p = range.Purchases;
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into chain_purchases (block_number, log_index, block_time, tx_hash, offer_id, buyer, agreement_hash, price, fee, licence_number)
                select * from unnest(@blocks::bigint[], @logs::int[], @times::timestamptz[], @txs::bytea[], @offers::numeric[], @buyers::text[],
                    @agreements::bytea[], @prices::numeric[], @fees::numeric[], @numbers::bigint[])
                """,
                new
                {
                    blocks = p.Select(e => (long)e.At.BlockNumber).ToArray(), logs = p.Select(e => e.At.LogIndex).ToArray(),
                    times = p.Select(e => e.At.BlockTime).ToArray(), txs = p.Select(e => e.At.TransactionHash.ToArray()).ToArray(),
                    offers = p.Select(e => Text(e.OfferId)).ToArray(), buyers = p.Select(e => e.Buyer.ToLowerHex()).ToArray(),
                    agreements = p.Select(e => e.AgreementHash.ToArray()).ToArray(), prices = p.Select(e => Text(e.Price)).ToArray(),
                    fees = p.Select(e => Text(e.Fee)).ToArray(), numbers = p.Select(e => (long)e.LicenceNumber).ToArray(),
                }, transaction, cancellationToken: cancellationToken));
        }
        if (range.Claims.Count > 0)
        {
            var c = range.Claims;
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into chain_claims (block_number, log_index, block_time, tx_hash, offer_id, patient, amount, total_claimed)
                select * from unnest(@blocks::bigint[], @logs::int[], @times::timestamptz[], @txs::bytea[], @offers::numeric[], @patients::text[],
                    @amounts::numeric[], @totals::numeric[])
                """,
                new
                {
                    blocks = c.Select(e => (long)e.At.BlockNumber).ToArray(), logs = c.Select(e => e.At.LogIndex).ToArray(),
                    times = c.Select(e => e.At.BlockTime).ToArray(), txs = c.Select(e => e.At.TransactionHash.ToArray()).ToArray(),
                    offers = c.Select(e => Text(e.OfferId)).ToArray(), patients = c.Select(e => e.Patient.ToLowerHex()).ToArray(),
                    amounts = c.Select(e => Text(e.Amount)).ToArray(), totals = c.Select(e => Text(e.TotalClaimed)).ToArray(),
                }, transaction, cancellationToken: cancellationToken));
        }
        if (range.Transfers.Count > 0)
        {
            var t = range.Transfers;
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into chain_licence_transfers (block_number, log_index, item, block_time, tx_hash, operator, from_address, to_address, offer_id, amount)
                select * from unnest(@blocks::bigint[], @logs::int[], @items::int[], @times::timestamptz[], @txs::bytea[], @operators::text[],
                    @froms::text[], @tos::text[], @offers::numeric[], @amounts::numeric[])
                """,
                new
                {
                    blocks = t.Select(e => (long)e.At.BlockNumber).ToArray(), logs = t.Select(e => e.At.LogIndex).ToArray(),
                    items = t.Select(e => e.Item).ToArray(), times = t.Select(e => e.At.BlockTime).ToArray(),
                    txs = t.Select(e => e.At.TransactionHash.ToArray()).ToArray(), operators = t.Select(e => e.Operator.ToLowerHex()).ToArray(),
                    froms = t.Select(e => e.From.ToLowerHex()).ToArray(), tos = t.Select(e => e.To.ToLowerHex()).ToArray(),
                    offers = t.Select(e => Text(e.OfferId)).ToArray(), amounts = t.Select(e => Text(e.Amount)).ToArray(),
                }, transaction, cancellationToken: cancellationToken));
        }

        var offers = events.Select(e => e.OfferId).Concat(range.Purchases.Select(e => e.OfferId)).Concat(range.Claims.Select(e => e.OfferId));
        await RefreshOffersAsync(connection, transaction, offers.Select(Text).Distinct().ToArray(), cancellationToken);
        var holders = range.Transfers.SelectMany(e => new[] { (Text(e.OfferId), e.From.ToLowerHex()), (Text(e.OfferId), e.To.ToLowerHex()) });
        await RefreshLicencesAsync(connection, transaction, holders.Distinct().ToList(), cancellationToken);
    }

    public static async Task RewindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long fork, CancellationToken cancellationToken)
    {
        var offers = (await connection.QueryAsync<string>(new CommandDefinition("""
            with e as (delete from chain_offer_events where block_number >= @fork returning offer_id),
                 p as (delete from chain_purchases where block_number >= @fork returning offer_id),
                 c as (delete from chain_claims where block_number >= @fork returning offer_id)
            select distinct offer_id::text from (select offer_id from e union all select offer_id from p union all select offer_id from c) x
            """, new { fork }, transaction, cancellationToken: cancellationToken))).ToArray();
        await connection.ExecuteAsync(new CommandDefinition("delete from chain_offers where block_number >= @fork",
            new { fork }, transaction, cancellationToken: cancellationToken));
        await RefreshOffersAsync(connection, transaction, offers, cancellationToken);

        var holders = (await connection.QueryAsync<(string Offer, string From, string To)>(new CommandDefinition("""
            delete from chain_licence_transfers where block_number >= @fork returning offer_id::text, from_address, to_address
            """, new { fork }, transaction, cancellationToken: cancellationToken)))
            .SelectMany(r => new[] { (r.Offer, r.From), (r.Offer, r.To) }).Distinct().ToList();
        await RefreshLicencesAsync(connection, transaction, holders, cancellationToken);
    }

    private static Task RefreshOffersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] offers, CancellationToken cancellationToken) =>
        offers.Length == 0 ? Task.CompletedTask : connection.ExecuteAsync(new CommandDefinition("""
            update chain_offers o set
                price = (select e.price from chain_offer_events e where e.offer_id = o.offer_id and e.kind in ('listed', 'price')
                         order by e.block_number desc, e.log_index desc limit 1),
                status = (select e.status from chain_offer_events e where e.offer_id = o.offer_id and e.kind in ('listed', 'status')
                          order by e.block_number desc, e.log_index desc limit 1),
                licences_sold = (select count(*) from chain_purchases p where p.offer_id = o.offer_id),
                pool_total = (select coalesce(sum(p.price - p.fee), 0) from chain_purchases p where p.offer_id = o.offer_id),
                claimed_total = (select coalesce(sum(c.amount), 0) from chain_claims c where c.offer_id = o.offer_id),
                updated_block = greatest(o.block_number,
                    (select max(e.block_number) from chain_offer_events e where e.offer_id = o.offer_id),
                    (select max(p.block_number) from chain_purchases p where p.offer_id = o.offer_id),
                    (select max(c.block_number) from chain_claims c where c.offer_id = o.offer_id))
            where o.offer_id = any(@offers::numeric[])
            """, new { offers }, transaction, cancellationToken: cancellationToken));

    /// <summary>Recomputes the balances of (offer, holder) pairs from the transfers; the zero address (mints) holds nothing.</summary>
    private static async Task RefreshLicencesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(string Offer, string Holder)> pairs,
        CancellationToken cancellationToken)
    {
        pairs.RemoveAll(p => p.Holder == EthAddress.Zero.ToLowerHex());
        if (pairs.Count == 0) return;
        await connection.ExecuteAsync(new CommandDefinition("""
            delete from chain_licences l using unnest(@offers::numeric[], @holders::text[]) as a(offer_id, holder)
            where l.offer_id = a.offer_id and l.holder = a.holder;
            insert into chain_licences (offer_id, holder, balance, updated_block)
            select a.offer_id, a.holder, b.balance, b.updated
            from unnest(@offers::numeric[], @holders::text[]) as a(offer_id, holder)
            cross join lateral (
                select coalesce(sum(case when t.to_address = a.holder then t.amount else 0 end), 0)
                     - coalesce(sum(case when t.from_address = a.holder then t.amount else 0 end), 0) as balance,
                       max(t.block_number) as updated
                from chain_licence_transfers t
                where t.offer_id = a.offer_id and (t.to_address = a.holder or t.from_address = a.holder)) b
            where b.balance <> 0;
            """, new { offers = pairs.Select(p => p.Offer).ToArray(), holders = pairs.Select(p => p.Holder).ToArray() },
            transaction, cancellationToken: cancellationToken));
    }

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record OfferEventRow(Core.Chain.Indexing.Events.LogPosition At, BigInteger OfferId, string Kind, EthAddress Curator,
        BigInteger? Price, byte? Status);
}
