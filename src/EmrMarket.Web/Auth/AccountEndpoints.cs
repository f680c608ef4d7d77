using EmrMarket.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace EmrMarket.Web.Auth;

/// <summary>Sign-in and sign-out as plain form posts: a cookie can only be set outside a circuit.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/account");
        group.MapPost("/login", SignInAsync).AllowAnonymous();
        group.MapPost("/logout", (Delegate)SignOutAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, AccountService accounts,
        [FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl, CancellationToken cancellationToken)
    {
        var result = await accounts.SignInAsync(email, password, cancellationToken);
        if (!result.Succeeded)
        {
            var reason = result.Outcome == SignInOutcome.LockedOut ? "locked" : "invalid";
            var back = $"/account/login?error={reason}&returnUrl={Uri.EscapeDataString(SafeRedirect.LocalOrDefault(returnUrl))}";
            return TypedResults.LocalRedirect(back);
        }
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountClaims.ToPrincipal(result.Account!));
        // The start page is no destination of its own: signing in from it leads to the role's page.
        var home = HomeFor(result.Account!);
        return TypedResults.LocalRedirect(returnUrl == "/" ? home : SafeRedirect.LocalOrDefault(returnUrl, home));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/");
    }

    /// <summary>Where a role lands after signing in.</summary>
    public static string HomeFor(Account account) => account.Roles[0] switch
    {
        Roles.Patient => "/patient",
        Roles.Researcher => "/catalog",
        Roles.Compliance => "/compliance",
        Roles.Curator => "/curator",
        Roles.Provider => "/provider",
        _ => "/",
    };
}
