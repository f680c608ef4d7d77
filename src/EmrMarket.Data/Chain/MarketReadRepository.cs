using System.Numerics;
using Dapper;
using EmrMarket.Core.Chain;
using EmrMarket.Core.Chain.ReadModels;
using EmrMarket.Ledger.Primitives;
using Npgsql;
using static EmrMarket.Data.Chain.ReadModelRows;

namespace EmrMarket.Data.Chain;

public sealed class MarketReadRepository(NpgsqlDataSource dataSource) : IMarketReadModel
{
    private const string OfferColumns = $"""
        offer_id::text as OfferId, curator, replaces_offer_id::text as ReplacesOfferId, manifest_hash as ManifestHash, rows_root as RowsRoot,
        payout_root as PayoutRoot, total_weight::text as TotalWeight, purpose, token, listed_price::text as ListedPrice, licence_cap as LicenceCap,
        end_time as EndTime, price::text as Price, status, licences_sold as LicencesSold, pool_total::text as PoolTotal,
        claimed_total::text as ClaimedTotal, updated_block as UpdatedBlock, {PositionColumns}
        """;

    private const string PurchaseColumns = $"""
        offer_id::text as OfferId, buyer, agreement_hash as AgreementHash, price::text as Price, fee::text as Fee,
        licence_number as LicenceNumber, {PositionColumns}
        """;

    private const string ClaimColumns = $"offer_id::text as OfferId, patient, amount::text as Amount, total_claimed::text as TotalClaimed, {PositionColumns}";

    public async Task<IReadOnlyList<ChainOffer>> OffersAsync(OfferStatus? status, CancellationToken cancellationToken) =>
        (await QueryAsync<OfferRow>($"select {OfferColumns} from chain_offers where @status::smallint is null or status = @status order by offer_id desc",
            new { status = (short?)status }, cancellationToken)).Select(r => r.ToOffer()).ToList();

    public async Task<ChainOffer?> OfferAsync(BigInteger offerId, CancellationToken cancellationToken) =>
        (await QueryAsync<OfferRow>($"select {OfferColumns} from chain_offers where offer_id = @id::numeric", new { id = Text(offerId) }, cancellationToken))
        .Select(r => r.ToOffer()).SingleOrDefault();

    public async Task<IReadOnlyList<OfferEvent>> OfferHistoryAsync(BigInteger offerId, CancellationToken cancellationToken) =>
        (await QueryAsync<EventRow>($"""
            select offer_id::text as OfferId, kind, curator, price::text as Price, status, {PositionColumns}
            from chain_offer_events where offer_id = @id::numeric order by block_number, log_index
            """, new { id = Text(offerId) }, cancellationToken)).Select(r => r.ToEvent()).ToList();

    public async Task<IReadOnlyList<ChainPurchase>> PurchasesByBuyerAsync(EthAddress buyer, CancellationToken cancellationToken) =>
        (await QueryAsync<PurchaseRow>($"select {PurchaseColumns} from chain_purchases where buyer = @buyer order by block_number, log_index",
            new { buyer = buyer.ToLowerHex() }, cancellationToken)).Select(r => r.ToPurchase()).ToList();

    public async Task<IReadOnlyList<ChainPurchase>> PurchasesOfOfferAsync(BigInteger offerId, CancellationToken cancellationToken) =>
        (await QueryAsync<PurchaseRow>($"select {PurchaseColumns} from chain_purchases where offer_id = @id::numeric order by block_number, log_index",
            new { id = Text(offerId) }, cancellationToken)).Select(r => r.ToPurchase()).ToList();

    public async Task<IReadOnlyList<LicenceHolding>> LicenceHoldersAsync(BigInteger offerId, CancellationToken cancellationToken) =>
        (await QueryAsync<(string OfferId, string Holder, string Balance, long UpdatedBlock)>("""
            select offer_id::text, holder, balance::text, updated_block from chain_licences where offer_id = @id::numeric order by holder
            """, new { id = Text(offerId) }, cancellationToken))
        .Select(r => new LicenceHolding(Big(r.OfferId), Address(r.Holder), Big(r.Balance), (ulong)r.UpdatedBlock)).ToList();

    public async Task<bool> HoldsLicenceAsync(EthAddress holder, BigInteger offerId, CancellationToken cancellationToken) =>
        (await QueryAsync<bool>("select exists (select 1 from chain_licences where offer_id = @id::numeric and holder = @holder and balance > 0)",
            new { id = Text(offerId), holder = holder.ToLowerHex() }, cancellationToken)).Single();

    public async Task<IReadOnlyList<ChainClaim>> ClaimsByPatientAsync(EthAddress patient, CancellationToken cancellationToken) =>
        (await QueryAsync<ClaimRow>($"select {ClaimColumns} from chain_claims where patient = @patient order by block_number, log_index",
            new { patient = patient.ToLowerHex() }, cancellationToken)).Select(r => r.ToClaim()).ToList();

    public async Task<IReadOnlyList<ChainClaim>> ClaimsOfOfferAsync(BigInteger offerId, CancellationToken cancellationToken) =>
        (await QueryAsync<ClaimRow>($"select {ClaimColumns} from chain_claims where offer_id = @id::numeric order by block_number, log_index",
            new { id = Text(offerId) }, cancellationToken)).Select(r => r.ToClaim()).ToList();

    private async Task<IEnumerable<T>> QueryAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
    }

    private abstract class Positioned
    {
        public long BlockNumber { get; init; }
        public int LogIndex { get; init; }
        public DateTime BlockTime { get; init; }
        public byte[] TxHash { get; init; } = [];

        protected Core.Chain.Indexing.Events.LogPosition At => Position(BlockNumber, LogIndex, BlockTime, TxHash);
    }

    private sealed class OfferRow : Positioned
    {
        public string OfferId { get; init; } = "";
        public string Curator { get; init; } = "";
        public string ReplacesOfferId { get; init; } = "";
        public byte[] ManifestHash { get; init; } = [];
        public byte[] RowsRoot { get; init; } = [];
        public byte[] PayoutRoot { get; init; } = [];
        public string TotalWeight { get; init; } = "";
        public long Purpose { get; init; }
        public string Token { get; init; } = "";
        public string ListedPrice { get; init; } = "";
        public long LicenceCap { get; init; }
        public long EndTime { get; init; }
        public string Price { get; init; } = "";
        public short Status { get; init; }
        public long LicencesSold { get; init; }
        public string PoolTotal { get; init; } = "";
        public string ClaimedTotal { get; init; } = "";
        public long UpdatedBlock { get; init; }

        public ChainOffer ToOffer() => new(Big(OfferId), Address(Curator), Big(ReplacesOfferId),
            new OfferTerms(new Hash32(ManifestHash), new Hash32(RowsRoot), new Hash32(PayoutRoot), Big(TotalWeight), (ulong)Purpose, Address(Token),
                Big(ListedPrice), (uint)LicenceCap, (ulong)EndTime),
            Big(Price), (OfferStatus)Status, (ulong)LicencesSold, Big(PoolTotal), Big(ClaimedTotal), (ulong)UpdatedBlock, At);
    }

    private sealed class EventRow : Positioned
    {
        public string OfferId { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Curator { get; init; } = "";
        public string? Price { get; init; }
        public short? Status { get; init; }

        public OfferEvent ToEvent() => new(Big(OfferId), Kind, Address(Curator), Price is null ? null : Big(Price), (OfferStatus?)Status, At);
    }

    private sealed class PurchaseRow : Positioned
    {
        public string OfferId { get; init; } = "";
        public string Buyer { get; init; } = "";
        public byte[] AgreementHash { get; init; } = [];
        public string Price { get; init; } = "";
        public string Fee { get; init; } = "";
        public long LicenceNumber { get; init; }

        public ChainPurchase ToPurchase() =>
            new(Big(OfferId), Address(Buyer), new Hash32(AgreementHash), Big(Price), Big(Fee), (ulong)LicenceNumber, At);
    }

    private sealed class ClaimRow : Positioned
    {
        public string OfferId { get; init; } = "";
        public string Patient { get; init; } = "";
        public string Amount { get; init; } = "";
        public string TotalClaimed { get; init; } = "";

        public ChainClaim ToClaim() => new(Big(OfferId), Address(Patient), Big(Amount), Big(TotalClaimed), At);
    }
}
