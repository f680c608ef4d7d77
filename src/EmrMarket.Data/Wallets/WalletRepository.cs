using Dapper;
using EmrMarket.Core.Wallets;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Wallets;

public sealed class WalletRepository(NpgsqlDataSource dataSource) : IWalletRepository
{
    public async Task<Wallet?> FindByAccountAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<WalletRow>(new CommandDefinition(
            "select account_id as AccountId, address, kind, linked_at as LinkedAt from wallets where account_id = @accountId",
            new { accountId }, cancellationToken: cancellationToken));
        return row?.ToWallet();
    }

    public async Task<Wallet?> FindByAddressAsync(EthAddress address, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<WalletRow>(new CommandDefinition(
            "select account_id as AccountId, address, kind, linked_at as LinkedAt from wallets where address = @address",
            new { address = address.ToLowerHex() }, cancellationToken: cancellationToken));
        return row?.ToWallet();
    }

    public async Task<Wallet> InsertCustodialIfAbsentAsync(Guid accountId, EthAddress address, byte[] sealedKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            insert into wallets (account_id, address, kind) values (@accountId, @address, 'custodial')
            on conflict (account_id) do nothing
            """, new { accountId, address = address.ToLowerHex() }, transaction, cancellationToken: cancellationToken));
        if (inserted == 1)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "insert into custodial_keys (address, account_id, sealed_key) values (@address, @accountId, @sealedKey)",
                new { address = address.ToLowerHex(), accountId, sealedKey }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return (await FindByAccountAsync(accountId, cancellationToken))!;
    }

    public async Task<(EthAddress Address, byte[] SealedKey)?> GetCustodialKeyAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Address, byte[] SealedKey)>(new CommandDefinition("""
            select w.address, k.sealed_key from wallets w join custodial_keys k on k.address = w.address
            where w.account_id = @accountId and w.kind = 'custodial'
            """, new { accountId }, cancellationToken: cancellationToken));
        return rows.Select(r => ((EthAddress, byte[])?)(EthAddress.Parse(r.Address), r.SealedKey)).FirstOrDefault();
    }

    public async Task LinkExternalAsync(Guid accountId, EthAddress address, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into wallets (account_id, address, kind) values (@accountId, @address, 'external')
            on conflict (account_id) do update set address = excluded.address, kind = 'external', linked_at = now()
            """, new { accountId, address = address.ToLowerHex() }, cancellationToken: cancellationToken));
    }

    public async Task IssueNonceAsync(Guid accountId, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into siwe_nonces (nonce, account_id, expires_at) values (@nonce, @accountId, @expiresAt)",
            new { nonce, accountId, expiresAt }, cancellationToken: cancellationToken));
    }

    public async Task<bool> ConsumeNonceAsync(Guid accountId, string nonce, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            update siwe_nonces set used_at = @now
            where nonce = @nonce and account_id = @accountId and used_at is null and expires_at > @now
            """, new { nonce, accountId, now }, cancellationToken: cancellationToken)) == 1;
    }

    private sealed class WalletRow
    {
        public Guid AccountId { get; init; }
        public string Address { get; init; } = "";
        public string Kind { get; init; } = "";
        public DateTime LinkedAt { get; init; }

        public Wallet ToWallet() => new(AccountId, EthAddress.Parse(Address),
            Kind == "custodial" ? WalletKind.Custodial : WalletKind.External, new DateTimeOffset(LinkedAt, TimeSpan.Zero));
    }
}
