using Dapper;
using EmrMarket.Core.Anchoring;
using EmrMarket.Ledger.Primitives;
using Npgsql;

namespace EmrMarket.Data.Anchoring;

public sealed class ProviderKeyRepository(NpgsqlDataSource dataSource) : IProviderKeyStore
{
    public async Task<ProviderKey?> FindAsync(Guid providerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid ProviderId, string Address, byte[] SealedKey)>(new CommandDefinition(
            "select provider_id, address, sealed_key from provider_keys where provider_id = @providerId", new { providerId }, cancellationToken: cancellationToken));
        return rows.Select(r => new ProviderKey(r.ProviderId, EthAddress.Parse(r.Address), r.SealedKey)).FirstOrDefault();
    }

    public async Task<ProviderKey> InsertIfAbsentAsync(Guid providerId, EthAddress address, byte[] sealedKey, CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into provider_keys (provider_id, address, sealed_key) values (@providerId, @address, @sealedKey)
                on conflict (provider_id) do nothing
                """, new { providerId, address = address.ToLowerHex(), sealedKey }, cancellationToken: cancellationToken));
        }
        return (await FindAsync(providerId, cancellationToken))!;
    }
}
