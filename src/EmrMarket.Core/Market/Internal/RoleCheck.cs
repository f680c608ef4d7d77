using EmrMarket.Core.Accounts;

namespace EmrMarket.Core.Market.Internal;

/// <summary>The role a marketplace action needs, checked against the stored account (not only the caller's cookie).</summary>
internal static class RoleCheck
{
    public static async Task<Account> RequireAsync(IAccountRepository accounts, Guid accountId, string role, string action,
        CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(accountId, cancellationToken) ?? throw new MarketException($"there is no account {accountId}");
        if (!account.IsInRole(role))
            throw new MarketException($"only a {role} can {action}; this account is a {string.Join(" and ", account.Roles)}");
        return account;
    }
}
