using Microsoft.AspNetCore.Components.Routing;

namespace EmrMarket.Web.Components.Layout;

/// <summary>A link of the main navigation and the roles (comma-separated) that see it.</summary>
public sealed record NavItem(string Href, string Text, string Roles, NavLinkMatch Match = NavLinkMatch.Prefix);
