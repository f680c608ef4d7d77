using System.Security.Claims;
using Microsoft.AspNetCore.Components.Routing;
using R = EmrMarket.Core.Accounts.Roles;

namespace EmrMarket.Web.Components.Layout;

/// <summary>The main navigation: one line per page a role starts from. The pages authorise themselves; this only hides links.</summary>
public static class NavItems
{
    public static IReadOnlyList<NavItem> All { get; } =
    [
        new("/patient", "My data", R.Patient, NavLinkMatch.All),
        new("/patient/datasets", "Datasets & earnings", R.Patient),
        new("/catalog", "Catalog", R.Researcher),
        new("/curator", "Datasets", R.Curator),
        new("/compliance", "Compliance", R.Compliance),
        new("/provider", "Uploads", R.Provider),
        new("/account/wallet", "Wallet", $"{R.Patient},{R.Researcher}"),
    ];

    /// <summary>The links a signed-in user sees, in order.</summary>
    public static IReadOnlyList<NavItem> For(ClaimsPrincipal user) =>
        All.Where(item => item.Roles.Split(',').Any(user.IsInRole)).ToList();
}
