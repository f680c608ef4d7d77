using System.Security.Claims;
using EmrMarket.Core.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EmrMarket.Web.Auth;

/// <summary>What a signed-in session carries about its account.</summary>
public static class AccountClaims
{
    public const string SecurityStamp = "emr:stamp";

    public static ClaimsPrincipal ToPrincipal(Account account)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Email, account.Email),
            new(SecurityStamp, account.SecurityStamp),
            .. account.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static Guid? AccountId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The account id of a signed-in user; throws for anonymous callers (pages authorise first).</summary>
    public static Guid RequiredAccountId(this ClaimsPrincipal user) =>
        user.AccountId() ?? throw new InvalidOperationException("no signed-in account");
}
