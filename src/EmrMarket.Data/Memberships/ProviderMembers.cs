using Dapper;
using EmrMarket.Core.Providers;
using Npgsql;

namespace EmrMarket.Data.Memberships;

public sealed class ProviderMembers(NpgsqlDataSource dataSource) : IProviderMembers
{
    public async Task AddAsync(Guid accountId, string providerCode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var added = await connection.ExecuteAsync(new CommandDefinition("""
            insert into provider_members (account_id, provider_id)
            select @accountId, id from providers where code = @providerCode
            on conflict do nothing
            """, new { accountId, providerCode }, cancellationToken: cancellationToken));
        if (added == 0 && (await ProvidersOfAsync(accountId, cancellationToken)).All(p => p.Code != providerCode))
            throw new InvalidOperationException($"no provider with code '{providerCode}'");
    }

    public async Task<IReadOnlyList<ProviderMembership>> ProvidersOfAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ProviderMembership>(new CommandDefinition("""
            select p.code, p.name from provider_members m join providers p on p.id = m.provider_id
            where m.account_id = @accountId order by p.name
            """, new { accountId }, cancellationToken: cancellationToken))).ToList();
    }
}
