using System.Security.Claims;
using EmrMarket.Core.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace EmrMarket.Web.Auth;

/// <summary>
/// Re-checks an open circuit's account every minute, so a deleted account or a changed password
/// ends sessions that are already connected.
/// </summary>
public sealed class RevalidatingAuthStateProvider(ILoggerFactory loggerFactory, AccountService accounts)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        var id = state.User.AccountId();
        var stamp = state.User.FindFirstValue(AccountClaims.SecurityStamp);
        return id is null || stamp is null || await accounts.IsSessionValidAsync(id.Value, stamp, cancellationToken);
    }
}
