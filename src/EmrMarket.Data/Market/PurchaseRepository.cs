using System.Globalization;
using System.Numerics;
using Dapper;
using EmrMarket.Core.Market.Agreements;
using EmrMarket.Core.Market.Purchases;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Market;

public sealed class PurchaseRepository(NpgsqlDataSource dataSource) : IPurchaseStore
{
    private const string Select = $"""
        select p.id, p.account_id as AccountId, p.offer_id as OfferId, p.buyer, p.token, p.max_price::text as MaxPrice, a.digest,
               a.terms_version as TermsVersion, p.from_wallet as FromWallet, p.created_at as CreatedAt, {WriteRow.Columns},
               cp.price::text as PaidPrice, cp.fee::text as PaidFee, cp.licence_number as LicenceNumber, cp.block_number as LicenceBlock,
               cp.tx_hash as LicenceTx
        from purchases p
        join data_use_agreements a on a.id = p.agreement_id
        left join outbox o on o.id = p.outbox_id
        left join lateral (select * from chain_purchases c where c.agreement_hash = a.digest order by c.block_number, c.log_index limit 1) cp on true
        """;

    /// <summary>Custodial purchases whose permit nonce is taken and not yet settled (not sent, or sent and not mined).</summary>
    private const string Unsettled = """
        from purchases p left join outbox o on o.id = p.outbox_id
        where not p.from_wallet and (p.outbox_id is null or o.status in ('queued', 'sent'))
        """;

    public async Task<PurchaseView> InsertCustodialAsync(Guid accountId, ulong offerId, EthAddress buyer, EthAddress token,
        Func<int, (NewAgreement Agreement, NewPurchase Purchase)> prepare, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtextextended(@name, 0))",
            new { name = $"emr:purchase:{buyer.ToLowerHex()}" }, transaction, cancellationToken: cancellationToken));
        var open = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            $"select p.id {Unsettled} and p.buyer = @buyer and p.offer_id = @offerId order by p.id limit 1",
            new { buyer = buyer.ToLowerHex(), offerId = (long)offerId }, transaction, cancellationToken: cancellationToken));
        if (open is { } existing)
        {
            await transaction.CommitAsync(cancellationToken);
            return (await GetAsync(existing, cancellationToken))!;
        }
        var unsettled = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"select count(*)::int {Unsettled} and p.buyer = @buyer and p.token = @token",
            new { buyer = buyer.ToLowerHex(), token = token.ToLowerHex() }, transaction, cancellationToken: cancellationToken));
        var (agreement, purchase) = prepare(unsettled);
        var id = await InsertAsync(connection, transaction, agreement, purchase, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    public async Task<PurchaseView> InsertFromWalletAsync(NewAgreement agreement, NewPurchase purchase, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await InsertAsync(connection, transaction, agreement, purchase, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    public async Task SetOutboxAsync(long purchaseId, long outboxId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("update purchases set outbox_id = @outboxId where id = @purchaseId and outbox_id is null",
            new { purchaseId, outboxId }, cancellationToken: cancellationToken));
    }

    public async Task<PurchaseView?> GetAsync(long purchaseId, CancellationToken cancellationToken) =>
        (await QueryAsync($"{Select} where p.id = @purchaseId", new { purchaseId }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<PurchaseView>> ForAccountAsync(Guid accountId, CancellationToken cancellationToken) =>
        QueryAsync($"{Select} where p.account_id = @accountId order by p.id desc", new { accountId }, cancellationToken);

    public async Task<IReadOnlyList<UnsentPurchase>> UnsentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, Guid AccountId, byte[] Digest, byte[] CallData)>(new CommandDefinition("""
            select p.id, p.account_id, a.digest, p.call_data from purchases p join data_use_agreements a on a.id = p.agreement_id
            where p.outbox_id is null and not p.from_wallet order by p.id
            """, cancellationToken: cancellationToken));
        return rows.Select(r => new UnsentPurchase(r.Id, r.AccountId, new Hash32(r.Digest), r.CallData)).ToList();
    }

    public async Task<StoredAgreement?> AgreementAsync(Hash32 digest, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AgreementRow>(new CommandDefinition("""
            select id, account_id as AccountId, offer_id as OfferId, buyer, manifest_hash as ManifestHash, purpose, token, price::text as Price,
                   terms_version as TermsVersion, terms_hash as TermsHash, signed_at as SignedAt, digest, signature, from_wallet as FromWallet,
                   created_at as CreatedAt
            from data_use_agreements where digest = @digest
            """, new { digest = digest.ToArray() }, cancellationToken: cancellationToken));
        return row?.ToAgreement();
    }

    private static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NewAgreement agreement, NewPurchase purchase,
        CancellationToken cancellationToken)
    {
        var m = agreement.Message;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            with a as (
                insert into data_use_agreements (digest, account_id, offer_id, buyer, manifest_hash, purpose, token, price, terms_version, terms_hash,
                                                 signed_at, signature, from_wallet)
                values (@digest, @account, @offer, @buyer, @manifest, @purpose, @token, @price::numeric, @version, @terms, @signedAt, @signature, @fromWallet)
                returning id)
            insert into purchases (agreement_id, account_id, offer_id, buyer, token, max_price, permit_nonce, permit_deadline, call_data, from_wallet)
            select a.id, @account, @offer, @buyer, @token, @maxPrice::numeric, @nonce::numeric, @deadline::numeric, @callData, @fromWallet from a
            returning id
            """, new
        {
            digest = agreement.Digest.ToArray(), account = agreement.AccountId, offer = (long)m.OfferId, buyer = m.Buyer.ToLowerHex(),
            manifest = m.ManifestHash.ToArray(), purpose = (long)m.Purpose, token = m.Token.ToLowerHex(), price = Text(m.Price),
            version = agreement.TermsVersion, terms = m.TermsHash.ToArray(), signedAt = (long)m.SignedAt, signature = agreement.Signature,
            fromWallet = agreement.FromWallet, maxPrice = Text(purchase.MaxPrice), nonce = Text(purchase.PermitNonce),
            deadline = Text(purchase.PermitDeadline), callData = purchase.CallData,
        }, transaction, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<PurchaseView>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<PurchaseRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)))
            .Select(r => r.ToView()).ToList();
    }

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static BigInteger Big(string text) => BigInteger.Parse(text, CultureInfo.InvariantCulture);

    private sealed class PurchaseRow : WriteRow
    {
        public long Id { get; init; }
        public Guid AccountId { get; init; }
        public long OfferId { get; init; }
        public string Buyer { get; init; } = "";
        public string Token { get; init; } = "";
        public string MaxPrice { get; init; } = "0";
        public byte[] Digest { get; init; } = [];
        public string TermsVersion { get; init; } = "";
        public bool FromWallet { get; init; }
        public DateTime CreatedAt { get; init; }
        public string? PaidPrice { get; init; }
        public string? PaidFee { get; init; }
        public long? LicenceNumber { get; init; }
        public long? LicenceBlock { get; init; }
        public byte[]? LicenceTx { get; init; }

        public PurchaseView ToView() => new(Id, AccountId, (ulong)OfferId, EthAddress.Parse(Buyer), EthAddress.Parse(Token), Big(MaxPrice), new Hash32(Digest),
            TermsVersion, FromWallet, Utc(CreatedAt), Write,
            PaidPrice is null ? null : new LicensedPurchase(Big(PaidPrice), Big(PaidFee!), (ulong)LicenceNumber!.Value, (ulong)LicenceBlock!.Value, new Hash32(LicenceTx!)));
    }

    private sealed class AgreementRow
    {
        public long Id { get; init; }
        public Guid AccountId { get; init; }
        public long OfferId { get; init; }
        public string Buyer { get; init; } = "";
        public byte[] ManifestHash { get; init; } = [];
        public long Purpose { get; init; }
        public string Token { get; init; } = "";
        public string Price { get; init; } = "0";
        public string TermsVersion { get; init; } = "";
        public byte[] TermsHash { get; init; } = [];
        public long SignedAt { get; init; }
        public byte[] Digest { get; init; } = [];
        public byte[] Signature { get; init; } = [];
        public bool FromWallet { get; init; }
        public DateTime CreatedAt { get; init; }

        public StoredAgreement ToAgreement() => new(Id, AccountId,
            new AgreementMessage(OfferId, EthAddress.Parse(Buyer), new Hash32(ManifestHash), (ulong)Purpose, EthAddress.Parse(Token), Big(Price),
                new Hash32(TermsHash), (ulong)SignedAt),
            TermsVersion, new Hash32(Digest), Signature, FromWallet, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));
    }
}
